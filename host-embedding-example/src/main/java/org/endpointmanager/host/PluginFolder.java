package org.endpointmanager.host;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in folder {@code <config>/plugins/}: every {@code *.jar} in it joins one class loader
 * whose parent is the host's own, so add-ons and vendor plug-ins dropped there are found by
 * {@link java.util.ServiceLoader} next to those on the class path. Read once at start.
 */
final class PluginFolder {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);

    /** The folder's name inside the config directory. */
    static final String NAME = "plugins";

    private PluginFolder() {
    }

    /** A class loader over the folder's jars, in name order; no folder means no extra jars. */
    static URLClassLoader open(Path configDirectory, ClassLoader parent) {
        Path folder = configDirectory.resolve(NAME);
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
                stream.forEach(p -> {
                    if (Files.isRegularFile(p)) {
                        jars.add(p);
                    }
                });
            } catch (IOException e) {
                throw new HostStartException("cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
        jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = url(jars.get(i));
            LOG.info("plug-in jar {}", jars.get(i).getFileName());
        }
        return new URLClassLoader("host-plugins", urls, parent);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new HostStartException("cannot use plug-in jar " + jar + ": " + e.getMessage(), e);
        }
    }
}
