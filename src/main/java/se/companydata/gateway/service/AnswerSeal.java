package se.companydata.gateway.service;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import se.companydata.gateway.cluster.SharedState;
import se.companydata.gateway.domain.CompanyId;
import se.companydata.gateway.domain.ItemValue;
import se.companydata.gateway.domain.ProducerAnswer;
import se.companydata.gateway.domain.Source;

/**
 * How an answer is named and sealed in Redis, where every replica and whoever reads Redis can see it: the name is
 * a keyed hash (HMAC-SHA256) of the identity and source, so no identity number is in a key and nobody without the
 * key can find a company's entry by hashing its number; the value is the answer in JSON sealed with AES-256-GCM,
 * its key's name as associated data, so it cannot be read, altered or moved to another company's name unnoticed.
 */
final class AnswerSeal {

    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** Items as their types, not as the API writes them: the API's bare strings could not be read back. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    private interface TypedItemValue {
    }

    private final SecretKeySpec hashKey;
    private final SecretKeySpec encryptionKey;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    AnswerSeal(byte[] hashKey, byte[] encryptionKey, ObjectMapper mapper) {
        if (hashKey.length < 32) {
            throw new IllegalArgumentException("the hash key has " + hashKey.length + " bytes; it needs at least 32");
        }
        if (encryptionKey.length != 32) {
            throw new IllegalArgumentException("the encryption key has " + encryptionKey.length + " bytes; AES-256 needs 32");
        }
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.json = mapper.copy().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAsValue(Annotated annotated) {
                return null;
            }
        }).addMixIn(ItemValue.class, TypedItemValue.class);
        for (Class<?> type : ItemValue.class.getPermittedSubclasses()) {
            json.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
    }

    /** The keys from their files (each Base64, as {@code openssl rand -base64 32} writes it). */
    static AnswerSeal fromFiles(Path hashKeyFile, Path encryptionKeyFile, ObjectMapper mapper) {
        return new AnswerSeal(read(hashKeyFile, "gateway.cache.shared.hash-key-file"),
                read(encryptionKeyFile, "gateway.cache.shared.encryption-key-file"), mapper);
    }

    private static byte[] read(Path file, String setting) {
        try {
            return Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": cannot read a Base64 key from " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** The answer's name in Redis: the keyed hash in letters (no digits at all, so no number can show). */
    String name(CompanyId id, Source source) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return SharedState.letters(mac.doFinal((id.type().name() + "|" + id.number() + "|" + source.name())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String seal(ProducerAnswer answer, String key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(answer));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal an answer: " + e.getMessage(), e);
        }
    }

    /** The answer sealed under {@code key}; fails if it was sealed with another key, for another name, or altered. */
    ProducerAnswer open(String value, String key) throws GeneralSecurityException, IOException {
        if (!value.startsWith(VERSION)) {
            throw new GeneralSecurityException("not a sealed answer of this version");
        }
        byte[] bytes = Base64.getDecoder().decode(value.substring(VERSION.length()));
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("too short to be a sealed answer");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
        cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
        return json.readValue(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), ProducerAnswer.class);
    }
}
