package dev.iotlocal.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Loads every class of its deployment jar, as a cold start of a big function does, and reads a resource of it:
 * packed into a jar by {@link ArtifactEnvironmentsTest}.
 */
public class LoadsItsJar implements RequestHandler<Map<String, String>, Integer> {

    @Override
    public Integer handleRequest(Map<String, String> event, Context context) {
        URL self = LoadsItsJar.class.getResource("LoadsItsJar.class");
        int loaded = 0;
        try {
            JarURLConnection connection = (JarURLConnection) self.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (String name : Collections.list(jar.entries()).stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.contains("-")).toList()) {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                            LoadsItsJar.class.getClassLoader());
                    loaded++;
                }
            }
            try (InputStream in = LoadsItsJar.class.getResourceAsStream("LoadsItsJar.class")) {
                in.readAllBytes();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return loaded;
    }
}
