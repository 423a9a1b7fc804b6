@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package fr.guichetbio.canary.modulith.alpha;
