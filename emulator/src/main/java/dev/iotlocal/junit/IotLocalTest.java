package dev.iotlocal.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The zero-configuration way: one emulator for the test class (or, with {@code shared = true}, one for every test
 * class that asks for the same file, stopped when the test run ends), injected as an {@link dev.iotlocal.IotLocal}
 * parameter of test methods, constructors and lifecycle methods.
 *
 * <pre>{@code
 * @IotLocalTest(config = "serverless.yml")
 * class SessionTest {
 *     @Test
 *     void answers(IotLocal iot) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IotLocalTestExtension.class)
public @interface IotLocalTest {

    /** The serverless.yml, relative to the working directory (the module's folder under Maven). */
    String config() default "serverless.yml";

    /** The stage; empty means the file's own (or {@code dev}). */
    String stage() default "";

    /** One emulator for all test classes that share the same file and stage, for the whole run. */
    boolean shared() default false;
}
