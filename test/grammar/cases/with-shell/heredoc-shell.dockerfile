# SYNTAX TEST "source.dockerfile" "RUN heredoc bodies are tokenized by source.shell"
RUN <<EOF
set -eux
# <--- meta.embedded.block.shell source.shell keyword.stub.shell
echo "an unterminated string
# <---- source.shell keyword.stub.shell
#    ^^^ source.shell string.quoted.double.stub.shell
EOF
# <--- meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile - source.shell string.quoted.double.stub.shell
RUN <<A cat > a && <<B cat > b
if true; then echo "x
# <-- keyword.stub.shell
A
# <- keyword.control.heredoc-token.dockerfile - string.quoted.double.stub.shell
for x in 1; do echo "y; done
# <--- keyword.stub.shell
B
# <- keyword.control.heredoc-token.dockerfile - string.quoted.double.stub.shell
COPY <<EOF /x
echo not shell
# <---- string.unquoted.heredoc.dockerfile - keyword.stub.shell
EOF
RUN echo "shell form is not embedded"
#   ^^^^ meta.instruction.run.dockerfile - source.shell
USER app
# <---- keyword.other.instruction.dockerfile
