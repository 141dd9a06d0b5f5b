package org.endpointmanager.core.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware repository: blobs in {@code <data dir>/firmware/}, metadata in the database.
 *
 * <p>An upload is streamed to a temp file in the same directory (counting and hashing as it goes,
 * stopping at the per-file limit), then checked against the vendor's extensions and the total
 * limit, then renamed atomically to a name of our own and only then recorded. A refused, failed or
 * interrupted upload therefore leaves neither a file nor a row. Left-overs of a crash (temp files,
 * blobs without a row) are swept at start.
 */
public final class FirmwareRepository {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareRepository.class);
    private static final String TEMP_PREFIX = ".upload-";
    private static final Pattern VENDOR = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+()/-]{0,63}");
    private static final Pattern SAFE_NAME_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

    /**
     * Size limits.
     *
     * @param maxFileBytes largest single file
     * @param maxTotalBytes all files together
     */
    public record Limits(long maxFileBytes, long maxTotalBytes) {
        /** Rejects non-positive limits. */
        public Limits {
            if (maxFileBytes <= 0 || maxTotalBytes <= 0) {
                throw new IllegalArgumentException("firmware limits must be positive");
            }
        }

        /** From {@code [firmware] max_file_mb / max_total_mb}. */
        public static Limits ofMegabytes(int maxFileMb, int maxTotalMb) {
            return new Limits(maxFileMb * 1024L * 1024L, maxTotalMb * 1024L * 1024L);
        }
    }

    /**
     * An uploaded file written to a temp file, not yet part of the repository.
     *
     * @param temp the temp file
     * @param fileName sanitised client file name
     * @param extension lower-case extension with the dot, may be empty
     * @param size bytes
     * @param sha256 hex digest
     */
    public record StagedFile(Path temp, String fileName, String extension, long size, String sha256) {
    }

    private final FirmwareStore store;
    private final Path directory;
    private final Limits limits;
    private final Function<String, Optional<Set<String>>> vendorExtensions;
    private final Clock clock;
    private final Object commitLock = new Object();

    /**
     * Opens the repository, creating the directory and sweeping crash left-overs.
     *
     * @param vendorExtensions a vendor id's firmware extensions; empty when the vendor is not installed
     */
    public FirmwareRepository(FirmwareStore store, Path directory, Limits limits,
            Function<String, Optional<Set<String>>> vendorExtensions, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.directory = Objects.requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.vendorExtensions = Objects.requireNonNull(vendorExtensions, "vendorExtensions is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the firmware directory " + this.directory + ": " + e.getMessage(), e);
        }
        sweep();
    }

    /** The limits in force. */
    public Limits limits() {
        return limits;
    }

    /** Every firmware row. */
    public List<FirmwareRecord> list() {
        return store.list();
    }

    /** One firmware row. */
    public Optional<FirmwareRecord> find(String id) {
        return store.find(id);
    }

    /** Where a row's blob lives. */
    public Path blob(FirmwareRecord r) {
        return directory.resolve(r.storedName());
    }

    /** Bytes of all files together. */
    public long totalBytes() {
        return store.totalBytes(Optional.empty());
    }

    /**
     * Streams one file to a temp file, stopping at the per-file limit.
     *
     * @param clientFileName the name the client sent (hostile: only its last segment's safe characters are kept)
     * @param body the file's bytes; read to its end
     * @throws FirmwareException TOO_LARGE past the limit (nothing is left behind)
     * @throws IOException when reading fails, for example the client went away (nothing is left behind)
     */
    public StagedFile stage(String clientFileName, InputStream body) throws IOException {
        String name = sanitise(clientFileName);
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        boolean ok = false;
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), digest)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = body.read(buf)) > 0) {
                    size += n;
                    if (size > limits.maxFileBytes()) {
                        throw new FirmwareException(FirmwareException.Kind.TOO_LARGE, "file",
                                "the file is larger than the limit of " + size(limits.maxFileBytes()) + " ([firmware] max_file_mb)");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                throw new FirmwareException(FirmwareException.Kind.INVALID, "file", "the file is empty");
            }
            ok = true;
            return new StagedFile(temp, name, extension(name), size, HexFormat.of().formatHex(digest.digest()));
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Deletes a staged file that will not be committed. */
    public void discard(StagedFile staged) {
        if (staged != null) {
            deleteQuietly(staged.temp());
        }
    }

    /**
     * Adds a new row with its file. The staged file is consumed either way.
     *
     * @throws FirmwareException when a field, the extension or the total limit refuses it
     */
    public FirmwareRecord add(FirmwareUpload meta, StagedFile file) {
        Objects.requireNonNull(file, "file is null");
        try {
            validate(meta);
            checkExtension(meta.vendor(), file);
            String id = UUID.randomUUID().toString();
            synchronized (commitLock) {
                checkTotal(file.size(), Optional.empty());
                String stored = storedName(id, file.extension());
                Path target = directory.resolve(stored);
                move(file.temp(), target);
                var now = clock.instant();
                FirmwareRecord r = new FirmwareRecord(id, meta.vendor(), meta.model(), meta.version().strip(),
                        meta.hwRevision(), meta.notes(), file.fileName(), stored, file.size(), file.sha256(), now, now);
                try {
                    store.insert(r);
                } catch (RuntimeException e) {
                    deleteQuietly(target);
                    throw e;
                }
                LOG.info("firmware added id={} vendor={} model={} version={} size={} sha256={}", id, r.vendor(),
                        r.model().orElse("*"), r.version(), r.size(), r.sha256());
                return r;
            }
        } finally {
            discard(file);
        }
    }

    /**
     * Edits a row in place: metadata, and the file when one is given (the old blob is removed once
     * the row points at the new one).
     *
     * @throws FirmwareException NOT_FOUND, or when a field, the extension or the total limit refuses it
     */
    public FirmwareRecord edit(String id, FirmwareUpload meta, Optional<StagedFile> file) {
        try {
            validate(meta);
            synchronized (commitLock) {
                FirmwareRecord before = store.find(id).orElseThrow(() -> notFound(id));
                if (file.isEmpty()) {
                    String ext = extension(before.fileName());
                    if (!vendorExtensions.apply(meta.vendor()).orElse(Set.of()).contains(ext)) {
                        throw new FirmwareException(FirmwareException.Kind.UNPROCESSABLE, "vendor",
                                "the stored file's extension '" + ext + "' does not fit vendor " + meta.vendor());
                    }
                    FirmwareRecord after = new FirmwareRecord(id, meta.vendor(), meta.model(), meta.version().strip(),
                            meta.hwRevision(), meta.notes(), before.fileName(), before.storedName(), before.size(),
                            before.sha256(), before.createdAt(), clock.instant());
                    if (!store.update(after)) {
                        throw notFound(id);
                    }
                    return after;
                }
                StagedFile f = file.get();
                checkExtension(meta.vendor(), f);
                checkTotal(f.size(), Optional.of(id));
                String stored = storedName(id, f.extension());
                Path target = directory.resolve(stored);
                move(f.temp(), target);
                FirmwareRecord after = new FirmwareRecord(id, meta.vendor(), meta.model(), meta.version().strip(),
                        meta.hwRevision(), meta.notes(), f.fileName(), stored, f.size(), f.sha256(), before.createdAt(),
                        clock.instant());
                boolean updated;
                try {
                    updated = store.update(after);
                } catch (RuntimeException e) {
                    deleteQuietly(target);
                    throw e;
                }
                if (!updated) {
                    deleteQuietly(target);
                    throw notFound(id);
                }
                deleteQuietly(directory.resolve(before.storedName()));
                LOG.info("firmware replaced id={} vendor={} model={} version={} size={} sha256={}", id, after.vendor(),
                        after.model().orElse("*"), after.version(), after.size(), after.sha256());
                return after;
            }
        } finally {
            file.ifPresent(this::discard);
        }
    }

    /** Removes a row and its blob. */
    public FirmwareRecord delete(String id) {
        synchronized (commitLock) {
            FirmwareRecord r = store.find(id).orElseThrow(() -> notFound(id));
            store.delete(id);
            deleteQuietly(directory.resolve(r.storedName()));
            LOG.info("firmware deleted id={} vendor={} model={} version={}", id, r.vendor(), r.model().orElse("*"), r.version());
            return r;
        }
    }

    /**
     * The firmware a phone should run: model + hardware revision, else model, else vendor-wide;
     * newest first within a rank. Rows for a specific hardware revision are only chosen when the
     * phone's revision is known and equal.
     */
    public Optional<FirmwareRecord> select(String vendor, Optional<String> model, Optional<String> hwRevision) {
        return best(store.byVendor(vendor), model, hwRevision);
    }

    /**
     * {@link #select}, asking for the hardware revision only when a row of the vendor names one: on
     * a provisioning request finding it means parsing the phone's last User-Agent.
     */
    public Optional<FirmwareRecord> select(String vendor, Optional<String> model,
            java.util.function.Supplier<Optional<String>> hwRevision) {
        List<FirmwareRecord> rows = store.byVendor(vendor);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        boolean needsHw = rows.stream().anyMatch(r -> r.hwRevision().isPresent());
        return best(rows, model, needsHw ? hwRevision.get() : Optional.empty());
    }

    /**
     * The most specific of some rows (all of one vendor) for a model and hardware revision, ranked
     * as {@link #select} ranks them. Callers that need one version filter the rows first.
     */
    public static Optional<FirmwareRecord> best(List<FirmwareRecord> rows, Optional<String> model,
            Optional<String> hwRevision) {
        Optional<String> m = model.map(FirmwareRepository::normaliseModel).filter(s -> !s.isEmpty());
        Optional<String> hw = hwRevision.map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty());
        return rows.stream()
                .filter(r -> r.model().isEmpty() || m.isPresent() && normaliseModel(r.model().get()).equals(m.get()))
                .filter(r -> r.hwRevision().isEmpty()
                        || hw.isPresent() && r.hwRevision().get().strip().toLowerCase(Locale.ROOT).equals(hw.get()))
                .min(Comparator.comparingInt(FirmwareRepository::rank)
                        .thenComparing(FirmwareRecord::updatedAt, Comparator.reverseOrder()));
    }

    private static int rank(FirmwareRecord r) {
        return (r.model().isPresent() ? 0 : 2) + (r.hwRevision().isPresent() ? 0 : 1);
    }

    /** Model names compared without case, a {@code SIP-} prefix or punctuation ({@code SIP-T46S} = {@code t46s}). */
    static String normaliseModel(String model) {
        String m = model.strip().toUpperCase(Locale.ROOT);
        if (m.startsWith("SIP-")) {
            m = m.substring(4);
        }
        return m.replaceAll("[^A-Z0-9]", "");
    }

    private void validate(FirmwareUpload meta) {
        if (!VENDOR.matcher(meta.vendor()).matches()) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "vendor", "vendor must be a vendor id such as yealink");
        }
        if (vendorExtensions.apply(meta.vendor()).isEmpty()) {
            throw new FirmwareException(FirmwareException.Kind.UNPROCESSABLE, "vendor",
                    "vendor '" + meta.vendor() + "' is not installed");
        }
        meta.model().filter(m -> !TEXT.matcher(m).matches()).ifPresent(m -> {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "model",
                    "model may hold up to 64 letters, digits and . _ + - ( ) / spaces");
        });
        if (!TEXT.matcher(meta.version().strip()).matches()) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "version",
                    "version is required: up to 64 letters, digits and . _ + - ( ) / spaces");
        }
        meta.hwRevision().filter(h -> !TEXT.matcher(h).matches()).ifPresent(h -> {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "hw_revision",
                    "hw_revision may hold up to 64 letters, digits and . _ + - ( ) / spaces");
        });
        if (meta.notes().length() > 1000) {
            throw new FirmwareException(FirmwareException.Kind.INVALID, "notes", "notes may hold up to 1000 characters");
        }
    }

    private void checkExtension(String vendor, StagedFile file) {
        Set<String> allowed = vendorExtensions.apply(vendor).orElse(Set.of());
        if (!allowed.contains(file.extension())) {
            throw new FirmwareException(FirmwareException.Kind.UNPROCESSABLE, "file", "'" + file.fileName()
                    + "' is not a " + vendor + " firmware file: allowed extensions are " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private void checkTotal(long size, Optional<String> replacing) {
        long others = store.totalBytes(replacing);
        if (others + size > limits.maxTotalBytes()) {
            throw new FirmwareException(FirmwareException.Kind.TOO_LARGE, "file", "all firmware files together would exceed "
                    + size(limits.maxTotalBytes()) + " ([firmware] max_total_mb): delete an old file first");
        }
    }

    private static FirmwareException notFound(String id) {
        return new FirmwareException(FirmwareException.Kind.NOT_FOUND, null, "firmware not found");
    }

    private static String storedName(String id, String extension) {
        // a fresh suffix per upload, so a replacement never overwrites a blob a phone is downloading
        return id + "-" + UUID.randomUUID().toString().substring(0, 8) + extension;
    }

    /** Keeps the last path segment's safe characters; the result never walks out of a directory. */
    static String sanitise(String clientFileName) {
        String n = clientFileName == null ? "" : clientFileName;
        int cut = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = SAFE_NAME_CHARS.matcher(n.substring(cut + 1)).replaceAll("_");
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        if (n.length() > 100) {
            n = n.substring(n.length() - 100);
        }
        return n.isEmpty() ? "firmware.bin" : n;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the firmware file: " + e.getMessage(), e);
        }
    }

    private void sweep() {
        Set<String> known = new HashSet<>();
        store.list().forEach(r -> known.add(r.storedName()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.startsWith(TEMP_PREFIX) || !known.contains(n))) {
                    LOG.warn("firmware directory: removing left-over file {}", n);
                    deleteQuietly(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("firmware directory: cannot sweep {}: {}", directory, e.getMessage());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.getMessage());
        }
    }

    private static String size(long bytes) {
        long mb = 1024L * 1024L;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
