package dev.iotlocal.lambda;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lambda's concurrency: an invocation runs only while it holds one unit of concurrency. A function with reserved
 * concurrency draws on its own reservation only; the others share what the account's limit leaves unreserved.
 * Beyond that Lambda throttles ({@code TooManyRequestsException}).
 */
final class Concurrency {

    private final Semaphore unreserved;
    private final Map<String, Semaphore> reserved = new HashMap<>();

    /**
     * @throws IllegalArgumentException when the reservations leave too little unreserved: AWS keeps 100 of the
     *                                  default 1000 unreserved; the emulator keeps the same tenth of its limit
     */
    Concurrency(int limit, Collection<FunctionConfiguration> functions) {
        int total = 0;
        for (FunctionConfiguration function : functions) {
            if (function.reservedConcurrency().isPresent()) {
                int units = function.reservedConcurrency().getAsInt();
                reserved.put(function.functionName(), new Semaphore(units));
                total += units;
            }
        }
        int minimumUnreserved = limit - LambdaSettings.reservableConcurrency(limit);
        if (total > limit - minimumUnreserved) {
            throw new IllegalArgumentException("The functions reserve " + total + " concurrent executions, but the"
                    + " concurrency limit is " + limit + " and Lambda keeps " + minimumUnreserved + " of it unreserved."
                    + " Lower reservedConcurrency in serverless.yml, or raise the emulator's concurrency limit.");
        }
        this.unreserved = new Semaphore(limit - total);
    }

    /**
     * One unit of concurrency for an invocation of the function, released by running the returned permit once.
     *
     * @throws LambdaServiceException {@code TooManyRequestsException} when none is free
     */
    Runnable acquire(FunctionConfiguration function) {
        Semaphore own = reserved.get(function.functionName());
        Semaphore pool = own != null ? own : unreserved;
        if (!pool.tryAcquire()) {
            throw LambdaServiceException.throttled(own != null);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                pool.release();
            }
        };
    }

    /** True when the function can never run: its reserved concurrency is 0. */
    boolean isDisabled(FunctionConfiguration function) {
        return function.reservedConcurrency().isPresent() && function.reservedConcurrency().getAsInt() == 0;
    }
}
