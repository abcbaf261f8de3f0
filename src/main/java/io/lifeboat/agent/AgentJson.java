package io.lifeboat.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lifeboat.cluster.Cluster;
import io.lifeboat.cluster.Node;
import io.lifeboat.manifest.FileList;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of the agent protocol, for one cluster. Node requests and results travel as they are, except that a
 * node travels as its index and is read back as the reader's own node of that index: a coordinator and an agent
 * each read the cluster file where they run, with the node's data directories as seen on the node's host.
 */
final class AgentJson {

    private final ObjectMapper mapper;

    AgentJson(Cluster cluster) {
        SimpleModule nodes = new SimpleModule("lifeboat-nodes")
                .addSerializer(Node.class, new NodeAsIndex())
                .addDeserializer(Node.class, new NodeOfIndex(cluster));
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(nodes)
                .addMixIn(FileList.class, FileListKinds.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /** @throws IOException when the JSON is not a {@code type} */
    <T> T read(JsonNode json, Class<T> type) throws IOException {
        try {
            return mapper.treeToValue(json, type);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    JsonNode parse(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    /** A node's file list is one of two kinds, named in its JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({@JsonSubTypes.Type(value = FileList.Stored.class, name = "stored"),
            @JsonSubTypes.Type(value = FileList.Inline.class, name = "inline"),
            @JsonSubTypes.Type(value = FileList.PerFileObjects.class, name = "per-file")})
    private interface FileListKinds {
    }

    private static final class NodeAsIndex extends JsonSerializer<Node> {
        @Override
        public void serialize(Node node, JsonGenerator json, SerializerProvider serializers) throws IOException {
            json.writeNumber(node.index());
        }
    }

    private static final class NodeOfIndex extends JsonDeserializer<Node> {
        private final Cluster cluster;

        NodeOfIndex(Cluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public Node deserialize(JsonParser json, DeserializationContext context) throws IOException {
            int index = json.getIntValue();
            return cluster.node(index).orElseThrow(() -> new IOException("cluster " + cluster.name() + " has no node " + index));
        }
    }
}
