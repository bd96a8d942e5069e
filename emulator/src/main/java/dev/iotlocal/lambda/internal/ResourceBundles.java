package dev.iotlocal.lambda.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code ResourceBundle.getBundle(String)}, {@code getBundle(String, Locale)} and {@code clearCache()} are inside
 * one execution environment: the JDK's answer, remembered for the environment.
 *
 * <p>The JDK caches bundles per class loader, but its cache keys of one bundle name collide across loaders, so with
 * one loader per environment every lookup walks a list as long as the number of live environments. Libraries that
 * look their bundle up per object (Paho creates a logger, and looks up its catalog, for every message token) then
 * pay more per message the more functions run. Like {@link ProcessEnvironment}, each environment's class loader
 * defines its own copy of this class, so what it remembers is per environment and goes with it. The first lookup of
 * each name and locale is the JDK's own, made from this environment's loader as the function's call would be; a
 * bundle that cannot be found is never remembered. Not for use outside the emulator.
 */
public final class ResourceBundles {

    private record Key(String baseName, Locale locale) {
    }

    private static final ConcurrentHashMap<Key, ResourceBundle> FOUND = new ConcurrentHashMap<>();

    private ResourceBundles() {
    }

    /** Replaces {@code ResourceBundle.getBundle(String)}. */
    public static ResourceBundle getBundle(String baseName) {
        return getBundle(baseName, Locale.getDefault());
    }

    /** Replaces {@code ResourceBundle.getBundle(String, Locale)}. */
    public static ResourceBundle getBundle(String baseName, Locale locale) {
        Key key = new Key(Objects.requireNonNull(baseName), Objects.requireNonNull(locale));
        ResourceBundle bundle = FOUND.get(key);
        if (bundle == null) {
            bundle = ResourceBundle.getBundle(baseName, locale); // the caller is this class: the environment's loader
            ResourceBundle raced = FOUND.putIfAbsent(key, bundle);
            return raced != null ? raced : bundle;
        }
        return bundle;
    }

    /** Replaces {@code ResourceBundle.clearCache()}: forgets this environment's bundles, as the JDK does. */
    public static void clearCache() {
        FOUND.clear();
        ResourceBundle.clearCache(ResourceBundles.class.getClassLoader());
    }
}
