/**
 * Learning paths (issue 16): one per bioproduction role (USP/DSP operator, QC analyst, QA, process engineer, aseptic
 * filling, ATMP operator, …), an ordered list of courses and what the learner will be able to do at the end. Owns
 * the {@code learning_path} table (changelog {@code db/changelog/training/}).
 */
@org.springframework.modulith.NamedInterface("path")
package fr.guichetbio.training.path;
