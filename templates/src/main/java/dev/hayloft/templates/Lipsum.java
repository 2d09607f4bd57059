package dev.hayloft.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Jinja2's {@code lipsum(n=5, html=True, min=20, max=100)}: {@code n} paragraphs of 20 to 99
 * pseudo-Latin words, with commas and capitalised sentences ending in full stops, wrapped in
 * {@code <p>} elements unless {@code html} is false (then separated by blank lines). The words
 * are drawn with the render's random source ({@link RenderState#random()}), so the text differs
 * from Jinja2's but has its shape.
 *
 * <pre>{@code
 * {{ lipsum(2, false) }}
 * }</pre>
 */
final class Lipsum {
    private static final String[] WORDS = ("a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at"
            + " auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat conubia"
            + " convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor"
            + " donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod facilisi"
            + " facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac"
            + " hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus"
            + " laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa"
            + " mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh"
            + " nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque"
            + " penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium"
            + " primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien"
            + " scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse"
            + " taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices"
            + " ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat"
            + " vulputate").split(" ");

    private Lipsum() {
    }

    static String generate(RenderState state, Args a) {
        Signatures.function(a, "generate_lorem_ipsum", 0, 0, "n", "html", "min", "max");
        long n = Filters.asLong(a.get(0, "n", 5L));
        boolean html = PyValues.truthy(a.get(1, "html", true));
        long min = Filters.asLong(a.get(2, "min", 20L));
        long max = Filters.asLong(a.get(3, "max", 100L));
        if (max <= min && n > 0) {
            throw TemplateException.runtime("empty range for randrange() (" + min + ", " + max + ", " + (max - min) + ")");
        }
        Random random = state.random();
        List<String> paragraphs = new ArrayList<>();
        for (long p = 0; p < n; p++) {
            state.step();
            long count = min + (long) (random.nextDouble() * (max - min));
            state.work(count);
            StringBuilder text = new StringBuilder();
            boolean capitalise = true;
            long lastComma = 0;
            long lastStop = 0;
            String last = null;
            for (long i = 0; i < count; i++) {
                String word;
                do {
                    word = WORDS[random.nextInt(WORDS.length)];
                } while (word.equals(last));
                last = word;
                if (capitalise) {
                    word = PyStrings.capitalize(word);
                    capitalise = false;
                }
                if (i - (3 + random.nextInt(5)) > lastComma) {
                    lastComma = i;
                    lastStop += 2;
                    word += ",";
                }
                if (i - (10 + random.nextInt(10)) > lastStop) {
                    lastComma = i;
                    lastStop = i;
                    word += ".";
                    capitalise = true;
                }
                text.append(i == 0 ? "" : " ").append(word);
            }
            String s = text.toString();
            if (s.endsWith(",")) {
                s = s.substring(0, s.length() - 1) + ".";
            } else if (!s.endsWith(".")) {
                s += ".";
            }
            paragraphs.add(s);
        }
        if (!html) {
            return String.join("\n\n", paragraphs);
        }
        List<String> wrapped = new ArrayList<>();
        for (String s : paragraphs) {
            wrapped.add("<p>" + Filters.escape(s) + "</p>");
        }
        return state.markSafe(String.join("\n", wrapped));
    }
}
