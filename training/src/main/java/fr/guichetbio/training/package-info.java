/**
 * Training: courses, lessons, assessments, enrolments and verifiable certificates for bioproduction roles.
 *
 * <p>A library module included by the portal application; its features arrive with the training issues.
 */
package fr.guichetbio.training;
