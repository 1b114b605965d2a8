package org.vsconsole.host.agent;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper both ends use. Tight parser limits keep a hostile frame from costing the
 * agent more than its size, and duplicate keys are refused: {@code {"guest":"a","guest":"b"}}
 * must not mean one thing to a checker and another to the code after it.
 */
final class AgentJson {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(24)
                    .maxStringLength(AgentFrames.MAX_REPLY)
                    .build())
            .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AgentJson() {
    }
}
