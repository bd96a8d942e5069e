package dev.iotlocal.sigv4;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The access keys the emulator accepts, looked up by access key id. Immutable. */
public final class CredentialStore {

    private final Map<String, Credential> byAccessKeyId;

    private CredentialStore(Map<String, Credential> byAccessKeyId) {
        this.byAccessKeyId = Map.copyOf(byAccessKeyId);
    }

    /** @throws IllegalArgumentException when an access key id is listed twice */
    public static CredentialStore of(Collection<Credential> credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Map<String, Credential> map = new LinkedHashMap<>();
        for (Credential credential : credentials) {
            Objects.requireNonNull(credential, "credentials must not contain null");
            if (map.putIfAbsent(credential.accessKeyId(), credential) != null) {
                throw new IllegalArgumentException("access key id '" + credential.accessKeyId()
                        + "' is listed twice: give each credential its own access key id");
            }
        }
        return new CredentialStore(map);
    }

    public static CredentialStore of(Credential... credentials) {
        return of(java.util.List.of(credentials));
    }

    public Optional<Credential> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    @Override
    public String toString() {
        return "CredentialStore" + byAccessKeyId.keySet();
    }
}
