package io.lifeboat.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every refusal: {@code {"error"}}, with {@code "parameter"} when one parameter is at fault. */
record ApiError(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {

    ApiError(String error) {
        this(error, null);
    }
}
