package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Handlers of every shape the Java runtime accepts, with the events library's types. */
public final class EventHandlers {

    private EventHandlers() {
    }

    public static class Sqs implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            return event.getRecords().stream().map(r -> r.getBody() + "@" + r.getEventSourceArn()).collect(Collectors.joining(","));
        }
    }

    public static class Sns implements RequestHandler<SNSEvent, String> {
        @Override
        public String handleRequest(SNSEvent event, Context context) {
            SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
            return sns.getSubject() + ": " + sns.getMessage();
        }
    }

    public static class Scheduled implements RequestHandler<ScheduledEvent, String> {
        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            return event.getDetailType() + " in " + event.getTime().getYear();
        }
    }

    public static class Api implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return new APIGatewayProxyResponseEvent().withStatusCode(201)
                    .withHeaders(Map.of("X-Method", event.getHttpMethod()))
                    .withBody(event.getPath() + "?" + event.getQueryStringParameters().get("q"));
        }
    }

    /** A POJO in, a POJO out. */
    public static class Greeter implements RequestHandler<Greeter.Person, Greeter.Greeting> {
        public static class Person {
            private String name;
            private List<String> titles;

            public String getName() {
                return name;
            }

            public void setName(String name) {
                this.name = name;
            }

            public List<String> getTitles() {
                return titles;
            }

            public void setTitles(List<String> titles) {
                this.titles = titles;
            }
        }

        public static class Greeting {
            private final String text;

            Greeting(String text) {
                this.text = text;
            }

            public String getText() {
                return text;
            }

            public String getUnset() {
                return null;
            }
        }

        @Override
        public Greeting handleRequest(Person person, Context context) {
            return new Greeting("Hello " + String.join(" ", person.getTitles()) + " " + person.getName());
        }
    }

    public static class Upper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Handlers named by method, with the other signatures the runtime accepts. */
    public static class Methods {
        public static void nothing() {
        }

        public void copy(InputStream in, OutputStream out) throws IOException {
            in.transferTo(out);
        }

        public int length(String text) {
            return text.length();
        }

        public String checked(Map<String, String> event) throws IOException {
            throw new IOException("checked: " + event.get("why"));
        }
    }

    /** Leaves its event type open: the runtime refuses it. */
    public static class Unbound<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T event, Context context) {
            return "never";
        }
    }
}
