package dev.hayloft.core.answers;

import dev.hayloft.core.component.Components;
import dev.hayloft.core.moderation.Moderation;
import dev.hayloft.core.moderation.ModerationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Flags every text containing {@code word} (category {@code "violence"}); records what it saw. */
final class FakeModeration implements Moderation {
    final List<List<String>> seen = new CopyOnWriteArrayList<>();
    private final String word;

    FakeModeration(String word) {
        this.word = word;
    }

    @Override
    public ModerationResult moderate(List<String> texts) {
        List<String> checked = Moderation.checkTexts(texts);
        seen.add(checked);
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (checked.get(i).contains(word)) {
                flagged.add(i);
            }
        }
        return flagged.isEmpty() ? ModerationResult.notFlagged(Map.of("model", "fake"))
                : new ModerationResult(true, List.of("violence"), flagged, Map.of("model", "fake"));
    }

    @Override
    public Map<String, Object> toDict() {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("word", word);
        return Components.dict(this, init);
    }
}
