/**
 * Assessments (issue 16): question banks with tags (single and multiple choice, numeric with tolerance, numeric with
 * randomised parameters, ordering), quizzes drawn per attempt, attempts graded on the server with pass mark, attempt
 * limit, cool-down and time limit. Answers and formulas never leave this package before submission.
 */
@org.springframework.modulith.NamedInterface("assessment")
package fr.guichetbio.training.assessment;
