package io.lifeboat.plan;

/** A credential that must never be printed: its string form is a mask. */
public record Secret(String value) {

    @Override
    public String toString() {
        return "****";
    }
}
