package dev.iotlocal;

import dev.iotlocal.sigv4.Credential;

import java.util.ArrayList;
import java.util.List;

/** For tests that scan output for secrets: every secret access key and session token an emulator holds. */
public final class EmulatorSecrets {

    private EmulatorSecrets() {
    }

    /** The secret keys and session tokens of the client credentials and of the functions' execution role. */
    public static List<String> of(IotLocal iot) {
        List<String> secrets = new ArrayList<>();
        for (Credential credential : iot.credentials()) {
            secrets.add(credential.secretAccessKey());
            credential.sessionToken().ifPresent(secrets::add);
        }
        return secrets;
    }
}
