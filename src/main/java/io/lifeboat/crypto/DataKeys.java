package io.lifeboat.crypto;

import java.io.IOException;

/** Finds the data key of an id that a sealed object starts with. */
@FunctionalInterface
public interface DataKeys {

    DataKey find(String id) throws IOException;
}
