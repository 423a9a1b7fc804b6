package fr.guichetbio.training;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.modulith.core.ApplicationModuleDetectionStrategy;
import org.springframework.modulith.core.ApplicationModuleSource;
import org.springframework.modulith.core.ApplicationModuleSourceFactory;
import org.springframework.modulith.core.JavaPackage;

/**
 * Makes {@code fr.guichetbio.training} one Spring Modulith application module of any application that has this jar
 * (listed in {@code META-INF/spring.factories}), so the application's module checks see training's API, its
 * internals and its declared dependencies. {@code @Modulithic(additionalPackages = …)} would not do: it treats the
 * package as a root and makes each sub-package (each feature) a module of its own.
 */
final class TrainingModuleSource implements ApplicationModuleSourceFactory {

    private static final String PACKAGE = TrainingModuleSource.class.getPackageName();

    /** Imports training's classes into the application's model (Spring Modulith only analyses root packages)… */
    @Override
    public List<String> getRootPackages() {
        return List.of(PACKAGE);
    }

    /** …without detecting modules below that root… */
    @Override
    public Stream<ApplicationModuleSource> getApplicationModuleSources(
            JavaPackage rootPackage,
            ApplicationModuleDetectionStrategy strategy,
            boolean useFullyQualifiedModuleNames) {
        return Stream.empty();
    }

    /** …for the root is the module. */
    @Override
    public List<String> getModuleBasePackages() {
        return List.of(PACKAGE);
    }
}
