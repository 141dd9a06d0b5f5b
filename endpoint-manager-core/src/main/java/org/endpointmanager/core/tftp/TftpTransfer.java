package org.endpointmanager.core.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One read transfer on its own socket: option negotiation, then DATA/ACK lock-step with retransmission. */
final class TftpTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(TftpTransfer.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]+(/[A-Za-z0-9._:\\-]+){0,3}");
    private static final int DEFAULT_BLOCK = 512;
    private static final int MAX_BLOCK = 65464;

    private final TftpPackets.Request request;
    private final SocketAddress peer;
    private final InetAddress client;
    private final TftpSource source;
    private final TftpServer.Options options;
    private long timeoutMillis;

    TftpTransfer(TftpPackets.Request request, SocketAddress peer, InetAddress client, TftpSource source,
            TftpServer.Options options) {
        this.request = request;
        this.peer = peer;
        this.client = client;
        this.source = source;
        this.options = options;
    }

    void run() {
        String name = request.fileName();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(options.bind(), 0))) {
            if (!safe(name)) {
                LOG.info("tftp miss ip={} file={} reason=unsafe file name", client.getHostAddress(), TftpServer.printable(name));
                send(socket, TftpPackets.error(TftpPackets.ERR_NOT_FOUND, "File not found"));
                return;
            }
            Optional<TftpSource.Content> content;
            try {
                content = source.open(name, client);
            } catch (RuntimeException | Error e) {
                LOG.error("tftp source failed file={}: {}", TftpServer.printable(name), e.toString());
                content = Optional.empty();
            }
            if (content.isEmpty()) {
                send(socket, TftpPackets.error(TftpPackets.ERR_NOT_FOUND, "File not found"));
                return;
            }
            TftpSource.Content c = content.get();
            try {
                transfer(socket, c);
            } finally {
                c.close();
            }
        } catch (IOException e) {
            LOG.warn("tftp transfer failed ip={} file={} reason={}", client.getHostAddress(), TftpServer.printable(name),
                    e.getMessage());
        }
    }

    /** One to four plain segments; no {@code ..}, no leading slash, no backslash or control character. */
    static boolean safe(String name) {
        if (name.isEmpty() || name.length() > 255 || !SAFE.matcher(name).matches()) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..") || segment.startsWith("..")) {
                return false;
            }
        }
        return true;
    }

    private void transfer(DatagramSocket socket, TftpSource.Content content) throws IOException {
        long size = content.size();
        int blockSize = DEFAULT_BLOCK;
        long timeoutMillis = options.timeout().toMillis();
        Map<String, String> accepted = new LinkedHashMap<>();
        String blk = request.options().get("blksize");
        if (blk != null) {
            int v = parse(blk);
            if (v >= 8) {
                blockSize = Math.min(v, MAX_BLOCK);
                accepted.put("blksize", Integer.toString(blockSize));
            }
        }
        if (request.options().containsKey("tsize")) {
            accepted.put("tsize", Long.toString(size));
        }
        String to = request.options().get("timeout");
        if (to != null) {
            int v = parse(to);
            if (v >= 1 && v <= 255) {
                timeoutMillis = v * 1000L;
                accepted.put("timeout", Integer.toString(v));
            }
        }
        this.timeoutMillis = Math.max(1, timeoutMillis);
        byte[] in = new byte[2048];
        if (!accepted.isEmpty()) {
            byte[] oack = TftpPackets.oack(accepted);
            if (!exchange(socket, oack, 0, in)) {
                return;
            }
        }
        long blocks = size / blockSize + 1;
        ByteBuffer buf = ByteBuffer.allocate(blockSize);
        for (long b = 1; b <= blocks; b++) {
            buf.clear();
            int n = content.read(buf, (b - 1) * blockSize);
            int wire = (int) (b & 0xffff);
            byte[] packet = TftpPackets.dataHeader(wire, n);
            System.arraycopy(buf.array(), 0, packet, 4, n);
            if (!exchange(socket, packet, wire, in)) {
                return;
            }
        }
        LOG.info("tftp served ip={} file={} bytes={} blksize={}", client.getHostAddress(),
                TftpServer.printable(request.fileName()), size, blockSize);
    }

    /**
     * Sends a packet and waits for the ACK of {@code block}, retransmitting on timeout. Duplicate ACKs
     * of earlier blocks are ignored, never answered (the Sorcerer's Apprentice bug).
     */
    private boolean exchange(DatagramSocket socket, byte[] packet, int block, byte[] in) throws IOException {
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            send(socket, packet);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    break;
                }
                socket.setSoTimeout((int) remaining);
                DatagramPacket reply = new DatagramPacket(in, in.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (!reply.getSocketAddress().equals(peer)) {
                    byte[] err = TftpPackets.error(TftpPackets.ERR_UNKNOWN_TID, "Unknown transfer ID");
                    socket.send(new DatagramPacket(err, err.length, reply.getSocketAddress()));
                    continue;
                }
                int op = TftpPackets.opcode(in, reply.getLength());
                if (op == TftpPackets.ERROR) {
                    LOG.info("tftp client aborted ip={} file={}", client.getHostAddress(), TftpServer.printable(request.fileName()));
                    return false;
                }
                if (op == TftpPackets.ACK && TftpPackets.block(in, reply.getLength()) == block) {
                    return true;
                }
            }
        }
        LOG.info("tftp gave up ip={} file={} block={} after {} retries", client.getHostAddress(),
                TftpServer.printable(request.fileName()), block, options.retries());
        return false;
    }

    private void send(DatagramSocket socket, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, peer));
    }

    private static int parse(String v) {
        try {
            return v.length() > 9 ? -1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
