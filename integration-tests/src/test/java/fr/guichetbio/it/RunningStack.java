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
public final class RunningStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningStack.class, key -> new StackResource(), StackResource.class)
                .stack;
    }

    private static final class StackResource implements AutoCloseable {

        private final Stack stack;

        StackResource() {
            Path stackDir = Path.of(System.getProperty("guichet.stack.dir", "../infra/launcher/target/stack"));
            Path workDir = Path.of(System.getProperty("guichet.work.dir", "target/it-work"));
            try {
                stack = Stack.start(StackSettings.forTests(stackDir, workDir), new Progress(System.out));
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
