package fr.guichetbio.training.assessment;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer of a randomised question as arithmetic over its parameters: numbers, named parameters, {@code + - * /},
 * {@code ^} (power, right-associative), unary minus and parentheses. Nothing else — no functions, no script engine —
 * so an author's formula can compute a dilution or a cell density and can never run code on the server.
 *
 * <p>Parsed once (a recursive-descent parser over a bounded text and nesting depth), evaluated per attempt. The
 * usual precedence holds: {@code -a^2} is {@code -(a^2)}, {@code a/b*c} is {@code (a/b)*c}.
 */
public final class Formula {

    /** Longer formulas are an authoring mistake; the bound also keeps the parser's work small. */
    static final int MAX_LENGTH = 200;

    /** Bounds the parser's recursion, so a hostile {@code ((((…} cannot exhaust the stack. */
    static final int MAX_DEPTH = 20;

    private final String source;
    private final Node root;
    private final Set<String> parameters;

    private Formula(String source, Node root, Set<String> parameters) {
        this.source = source;
        this.root = root;
        this.parameters = parameters;
    }

    /**
     * Parses a formula whose names must all be among {@code declared}.
     *
     * @throws IllegalArgumentException naming the position of the first error
     */
    public static Formula parse(String source, Set<String> declared) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("empty formula");
        }
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("formula longer than " + MAX_LENGTH + " characters");
        }
        Parser parser = new Parser(source, declared);
        Node root = parser.expression(0);
        parser.skipSpaces();
        if (parser.position < source.length()) {
            throw parser.error("unexpected '" + source.charAt(parser.position) + "'");
        }
        return new Formula(source, root, Set.copyOf(parser.used));
    }

    /**
     * The value for these parameters.
     *
     * @throws ArithmeticException on division by zero or a result that is not a finite number
     * @throws IllegalArgumentException when a parameter the formula uses has no value
     */
    public double evaluate(Map<String, Double> values) {
        double result = root.evaluate(values);
        if (!Double.isFinite(result)) {
            throw new ArithmeticException("not a finite number: " + source);
        }
        return result;
    }

    /** The parameter names the formula uses. */
    public Set<String> parameters() {
        return parameters;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Formulas are equal when written the same: their source decides their parse and their value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Formula formula && formula.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    private sealed interface Node {
        double evaluate(Map<String, Double> values);
    }

    private record Constant(double value) implements Node {
        @Override
        public double evaluate(Map<String, Double> values) {
            return value;
        }
    }

    private record Parameter(String name) implements Node {
        @Override
        public double evaluate(Map<String, Double> values) {
            Double value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for parameter " + name);
            }
            return value;
        }
    }

    private record Negation(Node operand) implements Node {
        @Override
        public double evaluate(Map<String, Double> values) {
            return -operand.evaluate(values);
        }
    }

    private record Binary(char operator, Node left, Node right) implements Node {
        @Override
        public double evaluate(Map<String, Double> values) {
            double a = left.evaluate(values);
            double b = right.evaluate(values);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> {
                    if (b == 0) {
                        throw new ArithmeticException("division by zero");
                    }
                    yield a / b;
                }
                case '^' -> Math.pow(a, b);
                default -> throw new IllegalStateException("operator " + operator);
            };
        }
    }

    /** expression := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*; unary := '-' unary | power;
     * power := primary ('^' unary)?; primary := number | name | '(' expression ')'. */
    private static final class Parser {
        private final String text;
        private final Set<String> declared;
        private final Set<String> used = new TreeSet<>();
        private int position;

        Parser(String text, Set<String> declared) {
            this.text = text;
            this.declared = declared;
        }

        Node expression(int depth) {
            Node node = term(depth);
            while (true) {
                char next = peek();
                if (next != '+' && next != '-') {
                    return node;
                }
                position++;
                node = new Binary(next, node, term(depth));
            }
        }

        private Node term(int depth) {
            Node node = unary(depth);
            while (true) {
                char next = peek();
                if (next != '*' && next != '/') {
                    return node;
                }
                position++;
                node = new Binary(next, node, unary(depth));
            }
        }

        private Node unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("formula nested deeper than " + MAX_DEPTH);
            }
            if (peek() == '-') {
                position++;
                return new Negation(unary(depth + 1));
            }
            Node base = primary(depth);
            if (peek() == '^') {
                position++;
                return new Binary('^', base, unary(depth + 1));
            }
            return base;
        }

        private Node primary(int depth) {
            char next = peek();
            if (next == '(') {
                position++;
                Node inner = expression(depth + 1);
                if (peek() != ')') {
                    throw error("')' expected");
                }
                position++;
                return inner;
            }
            if (isDigit(next) || next == '.') {
                return number();
            }
            if (Character.isLetter(next) || next == '_') {
                return name();
            }
            throw error(next == 0 ? "unexpected end" : "unexpected '" + next + "'");
        }

        private Node number() {
            int start = position;
            while (position < text.length() && (isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            // Scientific notation, e.g. 1e6 cells/mL or 2.5E-3 L.
            if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
                int mark = position++;
                if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                    position++;
                }
                if (position >= text.length() || !isDigit(text.charAt(position))) {
                    position = mark;
                    throw error("exponent expected");
                }
                while (position < text.length() && isDigit(text.charAt(position))) {
                    position++;
                }
            }
            String literal = text.substring(start, position);
            try {
                return new Constant(Double.parseDouble(literal));
            } catch (NumberFormatException e) {
                position = start;
                throw error("bad number '" + literal + "'");
            }
        }

        private Node name() {
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            String name = text.substring(start, position);
            if (!declared.contains(name)) {
                position = start;
                throw error("unknown parameter '" + name + "'");
            }
            used.add(name);
            return new Parameter(name);
        }

        /** The next character after spaces, or 0 at the end. */
        private char peek() {
            skipSpaces();
            return position < text.length() ? text.charAt(position) : 0;
        }

        void skipSpaces() {
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " at position " + (position + 1) + " in: " + text);
        }
    }
}
