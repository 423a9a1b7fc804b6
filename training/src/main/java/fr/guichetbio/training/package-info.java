/**
 * Training: learning paths, courses, lessons, assessments, enrolments and verifiable certificates for bioproduction
 * roles (issues 16 and 17). A library the portal includes with {@link fr.guichetbio.training.TrainingConfiguration}.
 *
 * <p>This package is the module's API, kept small: the {@link fr.guichetbio.training.Learners} port through which the
 * application says who is signed in (training knows people only as {@link fr.guichetbio.training.Learner}s and never
 * imports the portal), and later the events and read views other modules use. Everything else lives in one package
 * per feature, package-private where possible; Spring Modulith treats those packages as training's internals.
 *
 * <p>Training owns its tables ({@code learning_path}, …) and keeps their Liquibase changes in
 * {@code db/changelog/training/} inside this jar; the portal's master changelog includes that folder. Training
 * depends on no other application module ({@code allowedDependencies = {}}): effects on the rest of the portal
 * (notifications, learning records, dashboards) leave it as events.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Training",
        allowedDependencies = {})
package fr.guichetbio.training;
