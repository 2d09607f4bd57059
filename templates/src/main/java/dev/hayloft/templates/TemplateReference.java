package dev.hayloft.templates;

import dev.hayloft.templates.Node.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code self}: the template's blocks by name, so {@code {{ self.title() }}} renders the
 * {@code title} block again. Prints as {@code <TemplateReference None>} (the template has no name).
 *
 * <pre>{@code
 * <title>{% block title %}Home{% endblock %}</title><h1>{{ self.title() }}</h1>
 * }</pre>
 */
final class TemplateReference implements PyObject {
    private final Interpreter interpreter;
    private final Map<String, Node.BlockDef> blocks = new HashMap<>();

    TemplateReference(Interpreter interpreter, List<Stmt> body) {
        this.interpreter = interpreter;
        collect(body);
    }

    private void collect(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Node.BlockDef b) {
                blocks.putIfAbsent(b.name(), b);
                collect(b.body());
            } else if (s instanceof Node.If i) {
                i.bodies().forEach(this::collect);
                collect(i.otherwise());
            } else if (s instanceof Node.For f) {
                collect(f.body());
                collect(f.otherwise());
            } else if (s instanceof Node.With w) {
                collect(w.body());
            } else if (s instanceof Node.Block b) {
                collect(b.body());
            } else if (s instanceof Node.MacroDef m) {
                collect(m.body());
            } else if (s instanceof Node.FilterBlock f) {
                collect(f.body());
            } else if (s instanceof Node.SetBlock sb) {
                collect(sb.body());
            }
        }
    }

    @Override
    public Object attribute(String name) {
        Node.BlockDef block = blocks.get(name);
        if (block == null) {
            return Undefined.of(this, name);
        }
        return new BlockReference(block);
    }

    @Override
    public String typeName() {
        return "TemplateReference";
    }

    @Override
    public String module() {
        return "jinja2.runtime.";
    }

    @Override
    public String repr() {
        return "<TemplateReference None>";
    }

    /** {@code self.name}: calling it renders the block. */
    private final class BlockReference implements PyCallable, PyObject {
        private final Node.BlockDef block;

        BlockReference(Node.BlockDef block) {
            this.block = block;
        }

        @Override
        public Object call(RenderState state, Args args) {
            Signatures.function(args, "BlockReference.__call__", 1, 0);
            return interpreter.renderBlock(new Node.BlockDef(block.pos(), block.name(), false, block.required(),
                    block.body()), null);
        }

        @Override
        public String pyName() {
            return block.name();
        }

        @Override
        public Object attribute(String name) {
            return name.equals("name") ? block.name() : Undefined.of(this, name);
        }

        @Override
        public String typeName() {
            return "BlockReference";
        }

        @Override
        public String module() {
            return "jinja2.runtime.";
        }

        @Override
        public String repr() {
            return "<jinja2.runtime.BlockReference object>";
        }
    }
}
