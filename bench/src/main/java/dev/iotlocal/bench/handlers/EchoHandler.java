package dev.iotlocal.bench.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** A handler that does almost nothing, so that what is measured around it is the runtime's own cost. */
public final class EchoHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok " + event.get("channelId");
    }
}
