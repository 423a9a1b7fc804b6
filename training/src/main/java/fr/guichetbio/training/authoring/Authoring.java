package fr.guichetbio.training.authoring;

import fr.guichetbio.training.CourseVersionPublished;
import fr.guichetbio.training.Learner;
import fr.guichetbio.training.assessment.Question;
import fr.guichetbio.training.assessment.QuestionBanks;
import fr.guichetbio.training.assessment.Quiz;
import fr.guichetbio.training.authoring.Drafts.CourseRef;
import fr.guichetbio.training.authoring.Drafts.LessonRef;
import fr.guichetbio.training.authoring.InvalidDraft.Problem;
import fr.guichetbio.training.course.CourseContent;
import fr.guichetbio.training.course.CourseFiles;
import fr.guichetbio.training.course.Courses;
import fr.guichetbio.training.course.LessonRenderer;
import fr.guichetbio.training.course.PublishedCourse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Course authoring: the instructors of a training provider create its courses, open a draft of the next version
 * (a copy of the latest published one, minor or major as they choose; one draft per course), edit its description,
 * modules, lessons and question bank, preview and publish it or discard it. Publishing freezes the version (database
 * triggers); learners enrolled in an older version keep it. Administrators unpublish a course.
 *
 * <p>Every method takes the signed-in {@link Learner} and refuses ({@link AccessDeniedException}) anyone who is not an
 * instructor of the course's provider ({@link Learner#instructs}); each write is one transaction that checks all its
 * input before writing anything ({@link InvalidDraft}).
 */
@Service
public class Authoring {

    /** Which part of the version number a new draft raises. */
    public enum Change {
        /** Corrections and additions: certificates stay valid. */
        MINOR,
        /** A change of substance: certificates of this course will have to be renewed (issue 17). */
        MAJOR
    }

    private final Drafts drafts;
    private final Courses courses;
    private final QuestionBanks banks;
    private final CourseFiles files;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @Autowired
    Authoring(
            Drafts drafts, Courses courses, QuestionBanks banks, CourseFiles files, ApplicationEventPublisher events) {
        this(drafts, courses, banks, files, events, Clock.systemUTC());
    }

    Authoring(
            Drafts drafts,
            Courses courses,
            QuestionBanks banks,
            CourseFiles files,
            ApplicationEventPublisher events,
            Clock clock) {
        this.files = files;
        this.drafts = drafts;
        this.courses = courses;
        this.banks = banks;
        this.events = events;
        this.clock = clock;
    }

    /** One course in an instructor's workshop: its latest published version and its draft, if any. */
    public record WorkshopCourse(
            long providerId, String code, String title, String published, String draft, boolean withdrawn) {}

    /** Whether the learner authors for at least one training provider (the workshop link). */
    public boolean authorsAny(Learner learner) {
        return learner.affiliations().stream().anyMatch(affiliation -> learner.instructs(affiliation.organisationId()));
    }

    /**
     * The training providers the learner authors for.
     *
     * @throws AccessDeniedException when they instruct none
     */
    public List<Long> providers(Learner learner) {
        List<Long> providers = learner.affiliations().stream()
                .map(Learner.Affiliation::organisationId)
                .filter(learner::instructs)
                .sorted()
                .toList();
        if (providers.isEmpty()) {
            throw new AccessDeniedException("Not an instructor of any training provider");
        }
        return providers;
    }

    /**
     * The courses of the providers the learner instructs, with their published version and draft.
     *
     * @throws AccessDeniedException when they instruct none
     */
    @Transactional(readOnly = true)
    public List<WorkshopCourse> workshop(Learner learner) {
        List<Long> providers = providers(learner);
        return drafts.ofProviders(providers).stream()
                .map(entry -> new WorkshopCourse(
                        entry.providerId(),
                        entry.code(),
                        entry.title(),
                        entry.published(),
                        entry.draft(),
                        entry.withdrawn()))
                .toList();
    }

    /**
     * Creates a course for this provider with its first draft, version 1.0 and no module yet.
     *
     * @throws InvalidDraft on a bad or taken code or a bad description
     */
    @Transactional
    public void create(Learner learner, long providerId, String code, Description description) {
        if (!learner.instructs(providerId)) {
            throw new AccessDeniedException("Not an instructor of training provider " + providerId);
        }
        List<Problem> problems = new ArrayList<>();
        if (Checks.key(problems, "code", code) && drafts.course(code).isPresent()) {
            problems.add(new Problem("code", "code.taken", List.of()));
        }
        Description.Valid valid = null;
        try {
            valid = description.validate();
        } catch (InvalidDraft invalid) {
            problems.addAll(invalid.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        CourseContent content = new CourseContent(
                code,
                valid.language(),
                valid.level(),
                valid.title(),
                valid.summary(),
                valid.durationMinutes(),
                valid.prerequisites(),
                valid.outcomes(),
                List.of());
        long versionId;
        try {
            versionId = courses.draft(providerId, 1, 0, content);
        } catch (DuplicateKeyException | IllegalStateException e) {
            // Another instructor took the code between the check and the insert.
            throw InvalidDraft.of("code", "code.taken");
        }
        drafts.describe(versionId, valid);
        drafts.createdBy(versionId, learner.personId());
    }

    /**
     * Opens the next version's draft: a copy of the latest published version's content and quiz, numbered after the
     * highest version ever given (so an unpublished number is never reused).
     *
     * @throws InvalidDraft when a draft is open already or nothing is published yet to copy
     */
    @Transactional
    public Draft open(Learner learner, String code, Change change) {
        CourseRef course = authored(learner, code);
        if (drafts.lockDraft(course.id()).isPresent()) {
            throw InvalidDraft.of("change", "draft.exists");
        }
        long[] latest = drafts.latestPublished(course.id())
                .orElseThrow(() -> InvalidDraft.of("change", "draft.nothingPublished"));
        PublishedCourse published = courses.version(latest[0]).orElseThrow();
        int[] highest = drafts.highestVersion(course.id()).orElseThrow();
        int major = change == Change.MAJOR ? highest[0] + 1 : highest[0];
        int minor = change == Change.MAJOR ? 0 : highest[1] + 1;
        long versionId;
        try {
            versionId = courses.draft(course.providerId(), major, minor, published.content());
        } catch (DuplicateKeyException e) {
            // Another tab opened a draft at the same moment (one draft per course: a unique index).
            throw InvalidDraft.of("change", "draft.exists");
        }
        banks.quiz(published.versionId()).ifPresent(quiz -> banks.save(versionId, quiz));
        files.copy(published.versionId(), versionId);
        drafts.createdBy(versionId, learner.personId());
        return drafts.read(course, versionId);
    }

    /** The course's draft. */
    @Transactional(readOnly = true)
    public Draft draft(Learner learner, String code) {
        CourseRef course = authored(learner, code);
        long versionId = drafts.draftId(course.id()).orElseThrow(() -> new NoSuchDraft(code));
        return drafts.read(course, versionId);
    }

    @Transactional
    public void describe(Learner learner, String code, Description description) {
        long versionId = lockedDraft(learner, code);
        drafts.describe(versionId, description.validate());
    }

    @Transactional
    public void addModule(Learner learner, String code, String title) {
        long versionId = lockedDraft(learner, code);
        drafts.addModule(versionId, moduleTitle(title));
    }

    @Transactional
    public void renameModule(Learner learner, String code, int module, String title) {
        long versionId = lockedDraft(learner, code);
        long moduleId =
                drafts.moduleId(versionId, module).orElseThrow(() -> new NoSuchDraft(code + " module " + module));
        drafts.renameModule(moduleId, moduleTitle(title));
    }

    @Transactional
    public void moveModule(Learner learner, String code, int module, boolean up) {
        long versionId = lockedDraft(learner, code);
        drafts.moduleId(versionId, module).orElseThrow(() -> new NoSuchDraft(code + " module " + module));
        drafts.moveModule(versionId, module, up);
    }

    /** Removes the module and its lessons. */
    @Transactional
    public void removeModule(Learner learner, String code, int module) {
        long versionId = lockedDraft(learner, code);
        long moduleId =
                drafts.moduleId(versionId, module).orElseThrow(() -> new NoSuchDraft(code + " module " + module));
        drafts.removeModule(versionId, moduleId, module);
    }

    /**
     * Adds a lesson at the end of the module.
     *
     * @throws InvalidDraft on a bad or already used key, an empty title or a text empty or too long
     */
    @Transactional
    public void addLesson(
            Learner learner, String code, int module, String key, String title, String markdown, String videoUrl) {
        long versionId = lockedDraft(learner, code);
        long moduleId =
                drafts.moduleId(versionId, module).orElseThrow(() -> new NoSuchDraft(code + " module " + module));
        List<Problem> problems = new ArrayList<>();
        if (Checks.key(problems, "key", key) && drafts.lesson(versionId, key).isPresent()) {
            problems.add(new Problem("key", "key.taken", List.of()));
        }
        lessonText(problems, title, markdown, videoUrl);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        drafts.addLesson(moduleId, key, title.strip(), markdown, video(videoUrl));
    }

    /** Changes a lesson's title and text; its key stays (questions and learners' progress refer to it). */
    @Transactional
    public void editLesson(Learner learner, String code, String key, String title, String markdown, String videoUrl) {
        long versionId = lockedDraft(learner, code);
        LessonRef lesson = drafts.lesson(versionId, key).orElseThrow(() -> new NoSuchDraft(code + " lesson " + key));
        List<Problem> problems = new ArrayList<>();
        lessonText(problems, title, markdown, videoUrl);
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        drafts.editLesson(lesson.id(), title.strip(), markdown, video(videoUrl));
    }

    @Transactional
    public void moveLesson(Learner learner, String code, String key, boolean up) {
        long versionId = lockedDraft(learner, code);
        drafts.moveLesson(
                drafts.lesson(versionId, key).orElseThrow(() -> new NoSuchDraft(code + " lesson " + key)), up);
    }

    @Transactional
    public void removeLesson(Learner learner, String code, String key) {
        long versionId = lockedDraft(learner, code);
        drafts.removeLesson(drafts.lesson(versionId, key).orElseThrow(() -> new NoSuchDraft(code + " lesson " + key)));
    }

    /**
     * Replaces the draft's quiz and question bank with the one written as {@link QuizText}.
     *
     * @throws InvalidDraft naming each question and field at fault, or the tag without enough questions
     */
    @Transactional
    public void saveQuestions(Learner learner, String code, String text) {
        long versionId = lockedDraft(learner, code);
        Draft draft = drafts.read(drafts.course(code).orElseThrow(), versionId);
        banks.save(versionId, QuizText.parse(text, draft.lessonKeys()));
    }

    /** The draft with each lesson rendered as learners will see it (same renderer, same sanitiser). */
    public record Preview(Draft draft, Map<String, String> html) {}

    /**
     * @param filesBase where the page serves the draft's files, against which the lessons' file names are resolved
     */
    @Transactional(readOnly = true)
    public Preview preview(Learner learner, String code, String filesBase) {
        Draft draft = draft(learner, code);
        Map<String, String> html = new LinkedHashMap<>();
        draft.lessons().forEach(lesson -> html.put(lesson.key(), LessonRenderer.render(lesson.markdown(), filesBase)));
        return new Preview(draft, html);
    }

    /** The draft's images and documents. */
    @Transactional(readOnly = true)
    public List<CourseFiles.Listed> files(Learner learner, String code) {
        return files.list(draftId(learner, code));
    }

    /** One file of the draft (for the preview). */
    @Transactional(readOnly = true)
    public Optional<CourseFiles.CourseFile> file(Learner learner, String code, String name) {
        return files.find(draftId(learner, code), name);
    }

    /**
     * Adds an image or a document to the draft, which its lessons then show by name.
     *
     * @throws InvalidDraft (field {@code file}) when the name, size, type or count is refused or the name is taken
     */
    @Transactional
    public String upload(Learner learner, String code, String name, byte[] content) {
        long versionId = lockedDraft(learner, code);
        try {
            return files.store(versionId, name, content).name();
        } catch (CourseFiles.Refused refused) {
            throw InvalidDraft.of("file", "file." + refused.reason());
        }
    }

    @Transactional
    public void deleteFile(Learner learner, String code, String name) {
        files.delete(lockedDraft(learner, code), name);
    }

    private long draftId(Learner learner, String code) {
        CourseRef course = authored(learner, code);
        return drafts.draftId(course.id()).orElseThrow(() -> new NoSuchDraft(code));
    }

    /**
     * Publishes the draft: it becomes the version new learners enrol in and is never changed again
     * ({@link CourseVersionPublished} says so, in the same transaction).
     *
     * @return the version published ("2.0")
     * @throws InvalidDraft when the draft has no module, an empty module, no quiz, or a question naming a lesson it
     *     no longer has; or when administrators withdrew the course
     */
    @Transactional
    public String publish(Learner learner, String code) {
        long versionId = lockedDraft(learner, code);
        CourseRef course = drafts.course(code).orElseThrow();
        if (drafts.withdrawn(course.id())) {
            // An administrator's decision: an instructor's new version must not bring the course back by itself.
            throw InvalidDraft.of("publish", "publish.withdrawn");
        }
        Draft draft = drafts.read(course, versionId);
        List<Problem> problems = new ArrayList<>();
        if (draft.modules().isEmpty()) {
            problems.add(new Problem("publish", "publish.noModule", List.of()));
        }
        draft.modules().stream()
                .filter(module -> module.lessons().isEmpty())
                .forEach(
                        module -> problems.add(new Problem("publish", "publish.emptyModule", List.of(module.title()))));
        Quiz quiz = draft.quiz();
        if (quiz == null) {
            problems.add(new Problem("publish", "publish.noQuiz", List.of()));
        } else {
            for (Question question : quiz.bank()) {
                if (!draft.lessonKeys().contains(question.lessonKey())) {
                    problems.add(new Problem(
                            "publish", "publish.unknownLesson", List.of(question.key(), question.lessonKey())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDraft(problems);
        }
        Instant now = clock.instant();
        drafts.publishedBy(versionId, learner.personId());
        courses.publishDraft(versionId, now);
        events.publishEvent(new CourseVersionPublished(
                code, course.providerId(), versionId, draft.major(), draft.minor(), learner.personId(), now));
        return draft.version();
    }

    /** Deletes the draft (and the course, when it was its first draft and nothing was ever published). */
    @Transactional
    public void discard(Learner learner, String code) {
        CourseRef course = authored(learner, code);
        long versionId = drafts.lockDraft(course.id()).orElseThrow(() -> new NoSuchDraft(code));
        drafts.discard(course.id(), versionId);
    }

    /**
     * An administrator withdraws the course: every published version becomes unpublished, so it leaves the catalogue
     * and nobody new can enrol; learners enrolled keep reading the version they follow.
     *
     * @throws AccessDeniedException unless the learner is a platform administrator
     * @throws NoSuchDraft when no version of the course is published
     */
    @Transactional
    public void unpublish(Learner learner, String code) {
        if (!learner.hasRole(Learner.Role.ADMIN)) {
            throw new AccessDeniedException("Only administrators unpublish courses");
        }
        CourseRef course = drafts.course(code).orElseThrow(() -> new NoSuchDraft(code));
        if (drafts.unpublish(course.id(), learner.personId(), clock.instant()) == 0) {
            throw new NoSuchDraft(code + " has no published version");
        }
    }

    /** The course, when the learner instructs its provider; unknown courses are not found (404) for anyone. */
    private CourseRef authored(Learner learner, String code) {
        CourseRef course = drafts.course(code).orElseThrow(() -> new NoSuchDraft(code));
        if (!learner.instructs(course.providerId())) {
            throw new AccessDeniedException("Not an instructor of the provider of course " + code);
        }
        return course;
    }

    private long lockedDraft(Learner learner, String code) {
        CourseRef course = authored(learner, code);
        return drafts.lockDraft(course.id()).orElseThrow(() -> new NoSuchDraft(code));
    }

    private static String moduleTitle(String title) {
        List<Problem> problems = new ArrayList<>();
        if (!Checks.text(problems, "title", title, Description.MAX_TITLE)) {
            throw new InvalidDraft(problems);
        }
        return title.strip();
    }

    private static void lessonText(List<Problem> problems, String title, String markdown, String videoUrl) {
        Checks.text(problems, "title", title, Description.MAX_TITLE);
        Checks.text(problems, "markdown", markdown, Checks.MAX_MARKDOWN);
        String video = video(videoUrl);
        if (video != null && !CourseContent.isHttps(video)) {
            problems.add(new Problem("videoUrl", "video.https", List.of()));
        }
    }

    /** The video link as stored: {@code null} when left blank. */
    private static String video(String videoUrl) {
        return videoUrl == null || videoUrl.isBlank() ? null : videoUrl.strip();
    }
}
