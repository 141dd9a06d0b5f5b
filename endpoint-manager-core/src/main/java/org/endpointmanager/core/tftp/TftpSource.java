package org.endpointmanager.core.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/** Where a TFTP server gets the files it serves: one lookup per read request. */
@FunctionalInterface
public interface TftpSource {

    /**
     * The file for a request, or empty for "file not found" (unknown and refused look the same).
     *
     * @param fileName the requested name, already checked for traversal
     * @param client the requesting address
     */
    Optional<Content> open(String fileName, InetAddress client);

    /** A file's bytes: in memory (rendered configs) or on disk (firmware). */
    sealed interface Content permits Bytes, OnDisk {
        /** Length in bytes. */
        long size() throws IOException;

        /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns how many. */
        int read(ByteBuffer dst, long position) throws IOException;

        /** Releases resources. */
        default void close() throws IOException {
        }
    }

    /**
     * An in-memory file.
     *
     * @param bytes the content
     */
    record Bytes(byte[] bytes) implements Content {
        /** Rejects null. */
        public Bytes {
            Objects.requireNonNull(bytes, "bytes is null");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            int n = (int) Math.max(0, Math.min(dst.remaining(), bytes.length - position));
            dst.put(bytes, (int) position, n);
            return n;
        }
    }

    /** A file on disk, read positionally so a large image is never held in memory. */
    final class OnDisk implements Content {
        private final FileChannel channel;

        /** Opens the file. */
        public OnDisk(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
