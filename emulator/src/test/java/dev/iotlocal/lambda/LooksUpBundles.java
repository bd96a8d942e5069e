package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Function;

/** Looks its message catalog up as libraries do (Paho: once per object), and a catalog that does not exist. */
public class LooksUpBundles implements RequestHandler<Map<String, String>, Map<String, Object>> {

    /** A catalog of the function's own: how many times this environment's copy of the class made one. */
    public static class Messages extends ListResourceBundle {
        static int created;

        public Messages() {
            created++;
        }

        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"greeting", "hello"}};
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> event, Context context) {
        ResourceBundle first = ResourceBundle.getBundle(Messages.class.getName());
        ResourceBundle again = ResourceBundle.getBundle(Messages.class.getName(), Locale.getDefault());
        Function<String, ResourceBundle> byReference = ResourceBundle::getBundle;
        ResourceBundle third = byReference.apply(Messages.class.getName());
        String missing;
        try {
            ResourceBundle.getBundle("dev.iotlocal.lambda.NoSuchCatalog");
            missing = "found";
        } catch (MissingResourceException e) {
            missing = e.getClass().getSimpleName() + ": " + e.getClassName();
        }
        if ("clear".equals(event.get("then"))) {
            ResourceBundle.clearCache();
            ResourceBundle.getBundle(Messages.class.getName());
        }
        return Map.of("greeting", first.getString("greeting"), "same", first == again && again == third,
                "ownClass", first.getClass() == Messages.class, "created", Messages.created, "missing", missing);
    }
}
