package dev.hayloft.serialization;

import dev.hayloft.core.component.Component;
import dev.hayloft.core.component.Components;
import dev.hayloft.core.component.Input;
import dev.hayloft.core.component.Run;
import dev.hayloft.core.serde.DeserializationContext;
import dev.hayloft.core.serde.DictReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test component that wraps other components (as a FallbackChatGenerator wraps chat generators). */
public final class NestedHolder implements Component {
    public record Result(String out) {
    }

    final List<Component> inner;

    NestedHolder(List<Component> inner) {
        this.inner = List.copyOf(inner);
    }

    @Run
    public Result run(@Input("in") String in) {
        return new Result(in);
    }

    @Override
    public Map<String, Object> toDict() {
        List<Object> dicts = new ArrayList<>();
        inner.forEach(c -> dicts.add(c.toDict()));
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("inner", dicts);
        return Components.dict(this, init);
    }

    static NestedHolder create(DictReader init, DeserializationContext ctx) {
        return new NestedHolder(init.optionalListOf("inner", (r, i) -> ctx.registry().fromDict(r)));
    }
}
