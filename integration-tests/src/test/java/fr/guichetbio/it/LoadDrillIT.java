package fr.guichetbio.it;

import fr.guichetbio.infra.launcher.Stack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load drill's short version, in every build: 20 virtual users for 30 seconds on the cluster's two portal replicas
 * behind its load balancer, the same code as {@link LoadDrill}; fails on any error. Prints its table to
 * {@code target/load-drill-ci.txt}.
 */
@ExtendWith(RunningCluster.class)
class LoadDrillIT {

    @Test
    void twentyUsersForThirtySeconds(Stack stack) throws Exception {
        LoadDrills.run(stack, 20, Duration.ofSeconds(30), "load-drill-ci.txt");
    }
}
