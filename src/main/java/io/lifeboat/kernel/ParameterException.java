package io.lifeboat.kernel;

/** A plan parameter that is missing or malformed: the plan did not start and nothing was written. */
public final class ParameterException extends RuntimeException {

    private final String parameter;

    public ParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
