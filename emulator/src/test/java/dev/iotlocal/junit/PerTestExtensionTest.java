package dev.iotlocal.junit;

import dev.iotlocal.IotLocal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An instance field: a new emulator for each test, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestExtensionTest {

    @RegisterExtension
    final IotLocalExtension iot = IotLocalExtension.newInstance().config("src/test/resources/iotlocal/echo.yml").build();

    private static IotLocal previous;

    @Test
    @Order(1)
    void startsOne() {
        previous = iot.iot();
        assertThat(previous.edgePort()).isPositive();
    }

    @Test
    @Order(2)
    void startsAnotherAndStoppedThePrevious() {
        assertThat(iot.iot()).isNotSameAs(previous);
        assertThatThrownBy(previous::edgePort).hasMessageContaining("closed");
    }

    @Test
    void saysWhenUsedOutsideATest() {
        IotLocalExtension unused = IotLocalExtension.newInstance().build();

        assertThatThrownBy(unused::iot).hasMessageContaining("@RegisterExtension");
    }
}
