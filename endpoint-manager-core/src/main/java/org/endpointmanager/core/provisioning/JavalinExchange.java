package org.endpointmanager.core.provisioning;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** A provisioning exchange carried by Javalin (the add-on mounted in a host's app). */
final class JavalinExchange implements ProvisioningExchange {

    private final Context ctx;

    JavalinExchange(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String remoteAddress() {
        return ctx.ip();
    }

    @Override
    public boolean tls() {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.pathParam("path");
    }

    @Override
    public String requestUri() {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public void status(int status) {
        ctx.status(status);
    }

    @Override
    public void header(String name, String value) {
        if ("Content-Type".equalsIgnoreCase(name)) {
            ctx.contentType(value);
        } else {
            ctx.header(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        ctx.res().addHeader(name, value);
    }

    @Override
    public void body(byte[] body) {
        ctx.result(body);
    }

    @Override
    public OutputStream stream() throws IOException {
        return ctx.res().getOutputStream();
    }
}
