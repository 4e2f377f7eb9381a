package io.liaison.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.javalin.http.Context;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.RateLimitedException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The problem mapper when the exchange is already over. A served node once spun for minutes: a client left, the
 * server recycled the request, and the mapper, asking the dead request for its path, threw; the exception went back
 * to the mapper, which threw again, millions of times.
 */
@Timeout(30)
class ProblemsTest {

    /** A context whose request and response are gone: every call throws as Jetty's recycled objects do. */
    private static Context recycled(AtomicInteger calls) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "recycled context";
                        };
                    }
                    calls.incrementAndGet();
                    throw new IllegalStateException("Response does not exist (likely recycled)");
                });
    }

    @Test
    void anExchangeThatIsOver_isLeftAlone_whateverTheFailure() {
        List<Exception> failures = List.of(new IllegalStateException("Response does not exist (likely recycled)"),
                new NullPointerException("request is null"), new IntegrityException("ITEM_INTEGRITY", "x"),
                new RateLimitedException("LOGIN_THROTTLED", "slow down", 60), new InvalidInputException("BODY_INVALID",
                        "x"), new IllegalArgumentException("x"));
        for (Exception failure : failures) {
            AtomicInteger calls = new AtomicInteger();
            assertThatCode(() -> Problems.handle(failure, recycled(calls))).as(failure.toString())
                    .doesNotThrowAnyException();
            // It tried to answer (so it is not skipping live exchanges), and gave up at the first dead call.
            assertThat(calls.get()).as(failure.toString()).isBetween(1, 2);
        }
    }
}
