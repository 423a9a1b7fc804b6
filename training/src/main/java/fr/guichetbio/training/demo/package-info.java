/**
 * Demo content written for this product (no placeholder text): courses with their lessons, question banks and
 * quizzes, for the portal's demo data and for tests. Lessons are Markdown files under {@code training/courses/}.
 */
@org.springframework.modulith.NamedInterface("demo")
package fr.guichetbio.training.demo;
