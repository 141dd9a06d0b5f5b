package org.endpointmanager.core.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal TFTP read client for tests, with hooks to drop an ACK and to see what arrived. */
final class TftpTestClient implements AutoCloseable {

    /** What a read produced. */
    record Result(byte[] data, Map<String, String> oack, int errorCode, String errorMessage, int dataPackets,
            int duplicates) {
        boolean ok() {
            return errorCode < 0;
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    TftpTestClient(int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(10_000);
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    static byte[] request(int opcode, String name, Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        options.forEach((k, v) -> {
            out.writeBytes(k.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            out.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        });
        return out.toByteArray();
    }

    Result read(String name) throws IOException {
        return read(name, Map.of(), -1);
    }

    /**
     * Reads a file.
     *
     * @param dropAckOf a block number whose first ACK is not sent (simulating a lost ACK), or -1
     */
    Result read(String name, Map<String, String> options, int dropAckOf) throws IOException {
        byte[] rq = request(1, name, options);
        socket.send(new DatagramPacket(rq, rq.length, server));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<String, String> oack = new LinkedHashMap<>();
        int blockSize = options.containsKey("blksize") ? 0 : 512;
        int expected = 1;
        int packets = 0;
        int duplicates = 0;
        boolean dropped = false;
        SocketAddress tid = null;
        byte[] buf = new byte[70_000];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            if (tid == null) {
                tid = p.getSocketAddress();
            }
            int op = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
            if (op == 5) {
                int code = ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
                return new Result(data.toByteArray(), oack, code,
                        new String(buf, 4, Math.max(0, p.getLength() - 5), StandardCharsets.US_ASCII), packets, duplicates);
            }
            if (op == 6) {
                String[] parts = new String(buf, 2, p.getLength() - 2, StandardCharsets.US_ASCII).split("\0");
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    oack.put(parts[i], parts[i + 1]);
                }
                blockSize = Integer.parseInt(oack.getOrDefault("blksize", "512"));
                ack(0, tid);
                continue;
            }
            if (op != 3) {
                throw new IOException("unexpected opcode " + op);
            }
            if (blockSize == 0) {
                blockSize = 512;
            }
            packets++;
            int block = ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
            int len = p.getLength() - 4;
            if (block == (expected & 0xffff)) {
                if (block == dropAckOf && !dropped) {
                    dropped = true;
                    continue;
                }
                data.write(buf, 4, len);
                ack(block, tid);
                expected++;
                if (len < blockSize) {
                    return new Result(data.toByteArray(), oack, -1, "", packets, duplicates);
                }
            } else {
                duplicates++;
                ack(block, tid);
            }
        }
    }

    private void ack(int block, SocketAddress to) throws IOException {
        byte[] a = {0, 4, (byte) (block >> 8), (byte) block};
        socket.send(new DatagramPacket(a, a.length, to));
    }

    /** Sends any request packet and returns the error code of the answer (or -1 for a non-error). */
    int errorFor(byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, server));
        byte[] buf = new byte[1024];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        int op = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
        return op == 5 ? ((buf[2] & 0xff) << 8) | (buf[3] & 0xff) : -1;
    }

    @Override
    public void close() {
        socket.close();
    }
}
