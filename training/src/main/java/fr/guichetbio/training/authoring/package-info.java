/**
 * Authoring (issue 16): instructors of a training provider create its courses and edit them as drafts — description,
 * modules, Markdown lessons, question bank (as {@link fr.guichetbio.training.authoring.QuizText}) — preview and
 * publish them; administrators unpublish. Every rule (who may, what is valid, one draft per course, a published
 * version never changes) lives here and in the database, not in the pages.
 */
@org.springframework.modulith.NamedInterface("authoring")
package fr.guichetbio.training.authoring;
