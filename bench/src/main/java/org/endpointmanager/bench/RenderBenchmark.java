package org.endpointmanager.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.endpointmanager.api.Device;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.api.Secret;
import org.endpointmanager.api.profile.Line;
import org.endpointmanager.api.profile.Profile;
import org.endpointmanager.api.vendor.FileRequest;
import org.endpointmanager.api.vendor.ModelInfo;
import org.endpointmanager.api.vendor.RawParameters;
import org.endpointmanager.api.vendor.RenderContext;
import org.endpointmanager.api.vendor.RenderedFile;
import org.endpointmanager.api.vendor.VendorPlugin;
import org.endpointmanager.core.render.MustacheTemplateEngine;
import org.endpointmanager.core.render.RenderedFileValidator;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of rendering one phone's MAC file (a device with two lines), per vendor, without the
 * engine's render cache: what a boot storm costs on the first fetch of every phone. The second
 * benchmark adds the validation the engine runs on every rendered file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class RenderBenchmark {

    @Param({"yealink:805ec0:T46S", "fanvil:0c383e:X4", "grandstream:000b82:GXP2135", "snom:000413:D785",
        "htek:001fc1:UC924"})
    public String phone;

    private VendorPlugin plugin;
    private RenderContext context;

    @Setup
    public void setUp() {
        String[] p = phone.split(":");
        VendorRegistry vendors = VendorRegistry.load(RenderBenchmark.class.getClassLoader());
        plugin = vendors.require(p[0]);
        MacAddress mac = MacAddress.parse(p[1] + "123456");
        Optional<ModelInfo> model = plugin.catalog().model(p[2]);
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            lines.add(Line.of(i, "Line " + i, "Bench " + i, "10" + i, Secret.of("secret-" + i), "pbx.example.org", 5060));
        }
        Profile profile = Profile.builder().lines(lines).build();
        Device device = new Device("bench", mac, p[0], p[2], "Bench phone", "default", Optional.empty());
        context = new RenderContext(FileRequest.deviceConfig(mac), Optional.of(device), model, profile,
                RawParameters.none(), "http://203.0.113.10:8080/provision/", Optional.empty(), new MustacheTemplateEngine());
        render(); // fail in set-up, not in the measurement, when something is wrong
    }

    @Benchmark
    public RenderedFile render() {
        return plugin.render(context);
    }

    @Benchmark
    public RenderedFile renderAndValidate() {
        RenderedFile f = plugin.render(context);
        RenderedFileValidator.validate(f);
        return f;
    }
}
