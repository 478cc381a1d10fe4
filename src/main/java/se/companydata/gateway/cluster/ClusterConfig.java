package se.companydata.gateway.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The replicas as one deployment (docs/configuration.md "Replicas and Redis"). With Redis configured
 * ({@code quarkus.redis.hosts}) the replicas share producer quotas and consumer rate limits through it; without
 * it, or while it does not answer, each replica keeps to its share: {@code 1/replicas} of each.
 */
@ConfigMapping(prefix = "gateway.cluster")
public interface ClusterConfig {

    /** The most replicas the deployment runs (the autoscaler's maximum): each one's share is 1/replicas. */
    @WithDefault("1")
    int replicas();

    /** One Redis operation slower than this counts as Redis not answering. */
    @WithDefault("250ms")
    Duration timeout();

    /** How often Redis is asked whether it answers again, while it does not. */
    @WithDefault("1s")
    Duration probeInterval();

    /** What every key this deployment writes begins with (several deployments may share one Redis). */
    @WithDefault("company-data-gateway")
    String keyPrefix();
}
