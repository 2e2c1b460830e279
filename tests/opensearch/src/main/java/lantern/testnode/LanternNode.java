package lantern.testnode;

import java.nio.file.Path;
import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.geo.GeoModulePlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node with the modules Lantern needs (HTTP and transport over Netty, the common analysers, Painless, the geo aggregations)
 * loaded from the class path. Arguments are node settings as key=value; path.home must be one of them. The process
 * prints one line "LANTERN-NODE-STARTED" when the node is up and closes the node on SIGTERM.
 */
public final class LanternNode extends Node {

    private LanternNode(Environment environment) {
        super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class, GeoModulePlugin.class), true);
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        Path config = Path.of(settings.get("path.home"), "config");
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), config, () -> settings.get("node.name"));
        LogConfigurator.configureWithoutConfig(environment.settings());
        LanternNode node = new LanternNode(environment);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        node.start();
        System.out.println("LANTERN-NODE-STARTED");
        System.out.flush();
        Thread.currentThread().join();
    }
}
