package io.liaison.node.accounts;

import io.liaison.core.error.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Failed logins counted in a sliding window, per account at one address and per address, kept in the
 * database so that a restart forgets nothing.
 *
 * <ul>
 *   <li>After {@code perAccount} failures for one account from one address, that address may not try that
 *       account again until the oldest failure leaves the window; the same account from another address is not
 *       affected, so an attacker cannot lock its owner out.
 *   <li>After {@code perAddress} failures from one address, whatever the accounts, that address may not try
 *       any until the oldest leaves the window.
 * </ul>
 *
 * A check takes its place before the password is verified ({@link #begin}): attempts still being checked
 * count as failures until they end, so parallel attempts share the limit and never exceed it.
 */
public final class LoginThrottle {
    private final Jdbi jdbi;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Deque<Long>> failures = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();

    public LoginThrottle(Jdbi jdbi, Clock clock, int perAccount, int perAddress, Duration window) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
        long since = clock.millis() - window.toMillis();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM login_failures WHERE at <= :since").bind("since", since).execute();
            h.createQuery("SELECT throttle_key, at FROM login_failures ORDER BY at").map((rs, ctx) -> Map.entry(
                    rs.getString(1), rs.getLong(2))).forEach(e -> failures.computeIfAbsent(e.getKey(),
                    k -> new ArrayDeque<>()).addLast(e.getValue()));
        });
    }

    /** One login attempt holding its place in the limits until it ends, failed or succeeded. */
    public final class Attempt {
        private final String account;
        private final String address;
        private boolean ended;

        private Attempt(String account, String address) {
            this.account = account;
            this.address = address;
        }

        /** The password was wrong: the failure counts for the account at this address and for the address. */
        public void failed() {
            long now = clock.millis();
            synchronized (LoginThrottle.this) {
                end();
                failures.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(now);
                failures.computeIfAbsent(address, k -> new ArrayDeque<>()).addLast(now);
            }
            jdbi.useHandle(h -> {
                for (String key : List.of(account, address)) {
                    h.createUpdate("INSERT INTO login_failures (throttle_key, at) VALUES (:k, :at)").bind("k", key)
                            .bind("at", now).execute();
                }
            });
        }

        /** The password was right: the account's failures at this address are forgotten. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                end();
                failures.remove(account);
            }
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE throttle_key = :k").bind("k", account)
                    .execute());
        }

        private void end() {
            if (ended) {
                throw new IllegalStateException("this login attempt has already ended");
            }
            ended = true;
            release(account);
            release(address);
        }
    }

    /**
     * Takes a place for an attempt on {@code user} from {@code address}, or refuses when either limit is reached,
     * counting the attempts still being checked.
     */
    public synchronized Attempt begin(String user, String address) {
        String account = "account:" + user + "@" + address;
        String source = "address:" + address;
        long wait = Math.max(waitSeconds(account, perAccount), waitSeconds(source, perAddress));
        if (wait > 0) {
            throw new RateLimitedException("LOGIN_THROTTLED", "too many failed logins; try again in " + wait + " s", wait);
        }
        inFlight.merge(account, 1, Integer::sum);
        inFlight.merge(source, 1, Integer::sum);
        return new Attempt(account, source);
    }

    private long waitSeconds(String key, int limit) {
        Deque<Long> q = failures.get(key);
        long oldest = clock.millis() - window.toMillis();
        while (q != null && !q.isEmpty() && q.peekFirst() <= oldest) {
            q.pollFirst();
        }
        int failed = q == null ? 0 : q.size();
        int checking = inFlight.getOrDefault(key, 0);
        if (failed + checking < limit) {
            return 0;
        }
        // Attempts still being checked may yet succeed: a moment. Otherwise until the oldest failure leaves the window.
        return failed < limit ? 1 : Math.max(1, (q.peekFirst() + window.toMillis() - clock.millis() + 999) / 1000);
    }

    private void release(String key) {
        inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
