package dev.iotlocal.it;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** A handler slower than its function's timeout: it sleeps for what the event asks, 10 s by default. */
public class SlowHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        context.getLogger().log("sleeping");
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            context.getLogger().log("interrupted");
            Thread.currentThread().interrupt();
        }
        return "done";
    }
}
