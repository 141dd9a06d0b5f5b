package org.endpointmanager.core.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /provision/...} on the add-on's own listener, answered by a Jetty handler placed in
 * front of Javalin's servlet: a boot storm is thousands of small identical-shaped requests, and the
 * servlet layer (context, session and filter handlers, Javalin's router and context) cost about as
 * much as serving the file. Everything else passes through to Javalin. The answer is the same as
 * through {@link ProvisioningRoutes#mount}: both call {@link ProvisioningRoutes#serve}. One
 * difference: this path never compresses (phones' support for it is uneven, and nginx, the
 * reference, does not either).
 */
public final class ProvisioningHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningHandler.class);
    private static final String PREFIX = "/provision/";

    private final ProvisioningService service;

    /** Creates the handler; Javalin sets the handler it wraps when it starts. */
    public ProvisioningHandler(ProvisioningService service) {
        this.service = Objects.requireNonNull(service, "service is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            String path = Request.getPathInContext(request);
            if (path != null && path.length() > PREFIX.length() && path.startsWith(PREFIX)) {
                JettyExchange ex = new JettyExchange(request, response, path.substring(PREFIX.length()));
                try {
                    ProvisioningRoutes.serve(ex, service);
                    ex.complete(callback);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("provision request failed path={} ip={} reason={}", path, ex.remoteAddress(), e.toString());
                    callback.failed(e);
                }
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    /** One exchange on Jetty's core API; the body is written when the routes are done. */
    private static final class JettyExchange implements ProvisioningExchange {
        private final Request request;
        private final Response response;
        private final String path;
        private byte[] body;
        private OutputStream stream;
        private Fields query;

        JettyExchange(Request request, Response response, String path) {
            this.request = request;
            this.response = response;
            this.path = path;
        }

        @Override
        public String remoteAddress() {
            return Request.getRemoteAddr(request);
        }

        @Override
        public boolean tls() {
            return request.isSecure();
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String requestUri() {
            String query = request.getHttpURI().getQuery();
            return request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
        }

        @Override
        public Optional<String> queryParam(String name) {
            if (request.getHttpURI().getQuery() == null) {
                return Optional.empty();
            }
            if (query == null) {
                query = Request.extractQueryParameters(request);
            }
            return Optional.ofNullable(query.getValue(name));
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public void status(int status) {
            response.setStatus(status);
        }

        @Override
        public void header(String name, String value) {
            response.getHeaders().put(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            response.getHeaders().add(name, value);
        }

        @Override
        public void body(byte[] bytes) {
            this.body = bytes;
        }

        @Override
        public OutputStream stream() {
            if (stream == null) {
                stream = Content.Sink.asOutputStream(response);
            }
            return stream;
        }

        void complete(Callback callback) throws IOException {
            if (stream != null) {
                stream.close(); // the last write: the response is complete
                callback.succeeded();
            } else if (body != null) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
            } else {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            }
        }
    }
}
