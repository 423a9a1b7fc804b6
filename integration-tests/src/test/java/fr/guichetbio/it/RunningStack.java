package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.Progress;
import fr.guichetbio.infra.launcher.Stack;
import fr.guichetbio.infra.launcher.StackSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the real stack once for the whole test run, exactly as the run command does (Elasticsearch with our plugin,
 * PostgreSQL, the development identity provider, the portal jar), on free ports and a fresh database; stops it after
 * the last test. Test classes get it as a parameter.
 */
public class RunningStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(getClass(), key -> new StackResource(settings()), StackResource.class)
                .stack;
    }

    /** One of each process, on free ports; state under {@code target/it-work}. */
    protected StackSettings settings() {
        return StackSettings.forTests(stackDir(), Path.of(System.getProperty("guichet.work.dir", "target/it-work")));
    }

    protected static Path stackDir() {
        return Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"));
    }

    private static final class StackResource implements AutoCloseable {

        private final Stack stack;

        StackResource(StackSettings settings) {
            try {
                stack = Stack.start(settings, new Progress(System.out));
            } catch (Exception e) {
                throw new IllegalStateException("The test stack did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
