package dev.iotlocal.bench.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * Answers with {@link System#nanoTime()} taken as it is entered: the JVM's clock is one for every class loader, so the
 * driver can tell how long the path from a publish (or an Invoke) to the handler took.
 */
public final class EntryStampHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Long.toString(System.nanoTime());
    }
}
