/**
 * Courses (issue 16): owning training provider, language, level, duration, prerequisites, outcomes, modules and
 * Markdown lessons rendered through an allow-list sanitiser, uploads; versions, immutable once published (minor or
 * major), authored by the provider's instructors.
 */
@org.springframework.modulith.NamedInterface("course")
package fr.guichetbio.training.course;
