package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full load drill of issue 19, run with {@code -Pdrills}: 200 virtual users for 5 minutes on the cluster's two
 * portal replicas behind its load balancer (see {@link LoadDrills}; {@link LoadDrillIT} is its short version in every
 * build). Prints the table to the output and {@code target/load-drill.txt}; fails on any error.
 */
@ExtendWith(RunningCluster.class)
class LoadDrill {

    @Test
    void twoHundredUsersForFiveMinutes(Stack stack) throws Exception {
        LoadDrills.run(stack, 200, Duration.ofMinutes(5), "load-drill.txt");
    }
}
