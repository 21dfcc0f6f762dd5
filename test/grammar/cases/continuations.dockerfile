# SYNTAX TEST "source.dockerfile" "line continuations, comment lines and blank lines inside an instruction"
RUN apt-get update \
#                  ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
# a comment inside the instruction
# <- meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile

    && apt-get install -y --no-install-recommends curl \  
#   ^^ meta.instruction.run.dockerfile keyword.operator.logical.dockerfile
#                                                      ^ constant.character.escape.line-continuation.dockerfile
    && rm -rf /var/lib/apt/lists/*
#      ^^ meta.instruction.run.dockerfile
# back at the top level
# <- comment.line.number-sign.dockerfile - meta.instruction.run.dockerfile
ENV A=1 \
    B="two \
#      ^^^ meta.instruction.env.dockerfile string.quoted.double.dockerfile
lines"
# <----- string.quoted.double.dockerfile
#    ^ punctuation.definition.string.end.dockerfile
COPY a \\
#      ^^ constant.character.escape.dockerfile - constant.character.escape.line-continuation.dockerfile
EXPOSE 80
# <------ keyword.other.instruction.dockerfile
RUN echo "unterminated
USER app
# <---- keyword.other.instruction.dockerfile
