package se.companydata.gateway.client;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.companydata.gateway.cluster.Script;
import se.companydata.gateway.cluster.SharedState;

/**
 * One producer quota's window, shared by every replica in Redis: a sorted set whose members are the deployment's
 * calls, each scored with the moment it stops counting (milliseconds, Redis's own clock, so the replicas' clocks do
 * not matter). A call under way counts until a period after its {@code lease} ends (a replica that dies holding it
 * cannot hold it longer, and the producer may have had its call as late as that); its answer replaces it with the
 * answer's time plus the period, as in the local window.
 * Each operation is one atomic script: a permit is granted only if fewer than the limit count, whoever asks, and,
 * while several replicas ask, only up to each one's even part of the limit (fair between replicas as the queue is
 * between consumers).
 */
final class SharedQuotaWindow {

    /**
     * What Redis holds now, as seen by this replica's clock: the calls answered ({@code sendsAgoNanos}) and those under
     * way; refused, when to ask again at the earliest ({@code retryInNanos}: when a place ends that could be this one's).
     */
    record Snapshot(boolean granted, List<Long> sendsAgoNanos, Map<String, Long> leasesEndInNanos, long pausedForNanos,
                    long retryInNanos) {
    }

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * KEYS window, pause, askers; ARGV limit, period ms, lease ms, permit id, replica. Fair between replicas: while
     * several are asking, each may hold at most its even part of the limit (rounded up); refused, the reply says when
     * a place ends that this replica could have.
     */
    private static final Script ACQUIRE = Script.of("quota-acquire", NOW + """
            local period = tonumber(ARGV[2])
            -- A replica refused waits at most until a place ends (a period and a lease): it is still asking for that long.
            local asking = 2 * period + tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('HSET', KEYS[3], ARGV[5], now)
            local askers = redis.call('HGETALL', KEYS[3])
            local wanting = 0
            for i = 1, #askers, 2 do
              if tonumber(askers[i + 1]) > now - asking then wanting = wanting + 1 else redis.call('HDEL', KEYS[3], askers[i]) end
            end
            local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
            local mine, firstEnd, firstMine = 0, nil, nil
            for i = 1, #members, 2 do
              local ends = tonumber(members[i + 1])
              -- A call under way stops counting a period after its answer, at the soonest a period from now.
              if string.sub(members[i], 1, 2) == 'u:' then ends = math.min(ends, now + period) end
              if firstEnd == nil or ends < firstEnd then firstEnd = ends end
              if string.sub(members[i], 3, 2 + #ARGV[5] + 1) == ARGV[5] .. ':' then
                mine = mine + 1
                if firstMine == nil or ends < firstMine then firstMine = ends end
              end
            end
            local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
            local limit = tonumber(ARGV[1])
            local granted, retry = 0, now
            if now < paused then
              retry = paused
            elseif #members / 2 >= limit then
              retry = firstEnd
            elseif mine >= math.ceil(limit / math.max(1, wanting)) then
              retry = firstMine
            else
              -- Never given back (its replica died mid-call), it counts as answered when its lease ends: until a period after.
              local ends = now + tonumber(ARGV[3]) + period
              redis.call('ZADD', KEYS[1], ends, 'u:' .. ARGV[5] .. ':' .. ARGV[4])
              table.insert(members, 'u:' .. ARGV[5] .. ':' .. ARGV[4])
              table.insert(members, tostring(ends))
              granted = 1
            end
            redis.call('PEXPIRE', KEYS[1], period + tonumber(ARGV[3]))
            redis.call('PEXPIRE', KEYS[3], asking)
            return {granted, now, paused, members, retry}
            """);

    /** KEYS window; ARGV period ms, lease ms, replica:permit id. */
    private static final Script RELEASE = Script.of("quota-release", NOW + """
            redis.call('ZREM', KEYS[1], 'u:' .. ARGV[3])
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), 's:' .. ARGV[3])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]))
            return now
            """);

    /** KEYS window; ARGV period ms, lease ms, then per call: replica:id, ms since its answer (-1: still under way). */
    private static final Script RECORD = Script.of("quota-record", NOW + """
            for i = 3, #ARGV, 2 do
              local ago = tonumber(ARGV[i + 1])
              if ago < 0 then
                redis.call('ZADD', KEYS[1], 'NX', now + tonumber(ARGV[2]) + tonumber(ARGV[1]), 'u:' .. ARGV[i])
              elseif now - ago + tonumber(ARGV[1]) > now then
                redis.call('ZADD', KEYS[1], 'NX', now - ago + tonumber(ARGV[1]), 's:' .. ARGV[i])
              end
            end
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]))
            return now
            """);

    /** KEYS pause; ARGV pause ms. */
    private static final Script PAUSE = Script.of("quota-pause", NOW + """
            local until = now + tonumber(ARGV[1])
            if until > tonumber(redis.call('GET', KEYS[1]) or '0') then
              redis.call('SET', KEYS[1], until, 'PX', tonumber(ARGV[1]))
            end
            return until
            """);

    private final SharedState shared;
    private final List<String> window;
    private final String pause;
    private final String askers;
    private final long periodMillis;
    private final long leaseMillis;

    SharedQuotaWindow(SharedState shared, String quota, Duration period, Duration lease) {
        this.shared = shared;
        // One hash tag per quota: both keys land on one Redis Cluster slot, as a script needs.
        this.window = List.of(shared.key("quota", "{" + quota + "}", "window"));
        this.pause = shared.key("quota", "{" + quota + "}", "pause");
        this.askers = shared.key("quota", "{" + quota + "}", "askers");
        this.periodMillis = period.toMillis();
        this.leaseMillis = lease.toMillis();
    }

    boolean available() {
        return shared.available();
    }

    /** A permit if fewer than {@code limit} calls count now (and no pause holds), and what the window holds either way. */
    Uni<Snapshot> acquire(int limit, String id) {
        return shared.script(ACQUIRE, List.of(window.get(0), pause, askers),
                        List.of(Integer.toString(limit), Long.toString(periodMillis), Long.toString(leaseMillis), id, shared.replica()))
                .map(this::snapshot);
    }

    Uni<Void> release(String id) {
        return shared.script(RELEASE, window, List.of(Long.toString(periodMillis), Long.toString(leaseMillis), member(id)))
                .replaceWithVoid();
    }

    /** How this replica's permit {@code id} is named in the window (after its {@code u:} or {@code s:}). */
    String member(String id) {
        return shared.replica() + ":" + id;
    }

    /** This replica's calls of the last period, made while Redis did not answer: the deployment counts them too. */
    Uni<Void> record(List<String> ids, List<Long> answeredAgoMillis) {
        List<String> args = new ArrayList<>(List.of(Long.toString(periodMillis), Long.toString(leaseMillis)));
        for (int i = 0; i < ids.size(); i++) {
            args.add(shared.replica() + ":" + ids.get(i));
            args.add(Long.toString(answeredAgoMillis.get(i)));
        }
        return shared.script(RECORD, window, args).replaceWithVoid();
    }

    Uni<Void> pause(Duration retryAfter) {
        return shared.script(PAUSE, List.of(pause), List.of(Long.toString(Math.max(1, retryAfter.toMillis())))).replaceWithVoid();
    }

    private Snapshot snapshot(Response reply) {
        boolean granted = reply.get(0).toInteger() == 1;
        long now = reply.get(1).toLong();
        long paused = reply.get(2).toLong();
        Response members = reply.get(3);
        List<Long> sendsAgo = new ArrayList<>();
        Map<String, Long> leases = new HashMap<>();
        for (int i = 0; i + 1 < members.size(); i += 2) {
            String member = members.get(i).toString();
            long expires = Long.parseLong(members.get(i + 1).toString());
            if (member.startsWith("u:")) {
                leases.put(member.substring(2), (expires - now) * 1_000_000L);
            } else {
                sendsAgo.add((now - (expires - periodMillis)) * 1_000_000L);
            }
        }
        long retry = reply.get(4).toLong();
        return new Snapshot(granted, sendsAgo, leases, Math.max(0, paused - now) * 1_000_000L, Math.max(0, retry - now) * 1_000_000L);
    }
}
