/**
 * The site's frame: layout, home and static pages, language switch, and the public base URL from which absolute links
 * are built. Depends on no other module: every page module may use it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Web",
        allowedDependencies = {})
package fr.guichetbio.portal.web;
