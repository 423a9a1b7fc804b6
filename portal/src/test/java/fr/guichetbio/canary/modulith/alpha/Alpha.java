package fr.guichetbio.canary.modulith.alpha;

import fr.guichetbio.canary.modulith.beta.Beta;

/** Uses beta although alpha's package-info allows no dependency. */
public class Alpha {

    public String greet(Beta beta) {
        return beta.name();
    }
}
